import HetaoDomain
import HetaoText

/// The pane view models of one programme on one reckoning, each computed once per language (the
/// buildings table once per sort, filter and language, the budget once per set of open branches
/// and language), so that a key press costs the same with ten buildings or ten thousand.
/// `ViewModelMemo` keeps the one for the state's programme shown.
public final class ViewModelCache {
    public let programme: Programme
    public let reckoning: Reckoning

    /// `reckoning` defaults to the dataset's own date, for tests and previews.
    public init(programme: Programme, reckoning: Reckoning? = nil) {
        self.programme = programme
        self.reckoning = reckoning ?? Reckoning(today: programme.asOf)
    }

    /// The day the figures are reckoned on: today, or the day travelled to.
    public var day: Day { reckoning.day }
    public var staleAfterDays: Int { reckoning.staleAfterDays }
    public var thresholds: Thresholds { reckoning.thresholds }

    private var overviews: [Language: OverviewViewModel] = [:]
    private var scheduleModels: [Language: ScheduleViewModel] = [:]

    public func schedule(_ language: Language) -> ScheduleViewModel {
        remembered(&scheduleModels, language) { ScheduleViewModel(programme: programme, today: day, texts: Texts(language)) }
    }
    private var groupModels: [ProgressGroup: GroupProgress] = [:]

    /// The programme's curve weights: what the store's daily sums must have been made with.
    public private(set) lazy var curveWeights = CurveWeights(groupProgress(.programme))

    /// A group's planned buildings and curve, worked out once: the reducer asks when the detail
    /// opens and when its reports arrive, the view on every frame it is open.
    public func groupProgress(_ group: ProgressGroup) -> GroupProgress {
        if let model = groupModels[group] { return model }
        let model = GroupProgress(programme: programme, group: group)
        groupModels[group] = model
        return model
    }

    private var phaseModels: [Language: PhasesViewModel] = [:]
    private var institutionModels: [Language: InstitutionsViewModel] = [:]

    public func overview(_ language: Language) -> OverviewViewModel {
        remembered(&overviews, language) { OverviewViewModel(programme: programme, on: day, completions: completions, texts: Texts(language)) }
    }

    public func phases(_ language: Language) -> PhasesViewModel {
        remembered(&phaseModels, language) { PhasesViewModel(programme: programme, on: day, completions: completions, texts: Texts(language)) }
    }

    /// Every batch's and phase's completion, read by both the Overview and the Phases pane.
    private lazy var completions = programme.completions()

    public func institutions(_ language: Language) -> InstitutionsViewModel {
        remembered(&institutionModels, language) { InstitutionsViewModel(programme: programme, texts: Texts(language)) }
    }

    private func remembered<Model>(_ models: inout [Language: Model], _ language: Language, _ make: () -> Model) -> Model {
        if let model = models[language] { return model }
        let model = make()
        models[language] = model
        return model
    }

    /// Whether any building's latest progress report is stale.
    public private(set) lazy var hasStaleReports = programme.buildings.contains {
        $0.isProgressStale(on: day, afterDays: staleAfterDays)
    }

    private var buildingsModel = LastMade<BuildingsKey, BuildingsViewModel>()

    private struct BuildingsKey: Equatable {
        var sort: BuildingColumn
        var ascending: Bool
        var filter: String
        var language: Language
    }

    public func buildings(_ state: AppState) -> BuildingsViewModel {
        let key = BuildingsKey(sort: state.buildingSort, ascending: state.buildingSortAscending, filter: state.buildingFilter,
                               language: state.language)
        return buildingsModel.value(for: key) { BuildingsViewModel(programme: programme, state: state, live: state.live) }
    }

    private var detailModel = LastMade<DetailKey, DetailViewModel?>()

    private struct DetailKey: Equatable {
        var overlay: Overlay
        var history: HistoryState
        var filter: String
        var language: Language
    }

    /// The open detail, worked out when it opens, its history arrives or the language changes,
    /// not on every frame. `language` is the one the glyphs can show.
    public func detail(_ state: AppState, language: Language) -> DetailViewModel? {
        guard let overlay = state.overlay else { return nil }
        let key = DetailKey(overlay: overlay, history: state.history, filter: state.overlayFilter, language: language)
        return detailModel.value(for: key) {
            var plan: GroupProgress?
            if case .group(let group) = overlay { plan = groupProgress(group) }
            return DetailViewModel(programme: programme, overlay: overlay, live: state.live, history: state.history.records,
                                   filter: state.overlayFilter,
                                   curve: state.history.curve, readingCurve: state.history.isReadingCurve, group: plan, completions: completions, texts: Texts(language))
        }
    }

    private var budgetModel = LastMade<BudgetKey, BudgetViewModel>()

    private struct BudgetKey: Equatable {
        var expanded: Set<String>
        var language: Language
    }

    public func budget(_ state: AppState) -> BudgetViewModel {
        budgetModel.value(for: BudgetKey(expanded: state.expandedAllocations, language: state.language)) {
            BudgetViewModel(programme: programme, state: state, on: day, thresholds: thresholds)
        }
    }
}

/// The value made for the last key asked for, made again when the key changes.
private struct LastMade<Key: Equatable, Value> {
    private var key: Key?
    private var value: Value?

    mutating func value(for key: Key, make: () -> Value) -> Value {
        if key == self.key, let value { return value }
        let made = make()
        (self.key, value) = (key, made)
        return made
    }
}
