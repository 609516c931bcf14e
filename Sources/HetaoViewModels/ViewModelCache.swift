import HetaoDomain

/// The pane view models of one programme, each computed once (the buildings table once per
/// sort and filter, the budget once per set of open branches), so that a key press costs the
/// same with ten buildings or ten thousand. A new programme (a record arrived) gets a new cache.
public final class ViewModelCache {
    public let programme: Programme
    public let today: Day
    public let staleAfterDays: Int

    public init(programme: Programme, today: Day? = nil, staleAfterDays: Int = 30) {
        self.programme = programme
        self.today = today ?? programme.asOf
        self.staleAfterDays = staleAfterDays
    }

    public private(set) lazy var overview = OverviewViewModel(programme: programme)
    public private(set) lazy var phases = PhasesViewModel(programme: programme)
    public private(set) lazy var institutions = InstitutionsViewModel(programme: programme)

    /// Whether any building's latest progress report is stale.
    public private(set) lazy var hasStaleReports = programme.buildings.contains {
        $0.progressReport?.isStale(on: today, afterDays: staleAfterDays) == true
    }

    private var buildingsKey: BuildingsKey?
    private var buildingsModel: BuildingsViewModel?

    private struct BuildingsKey: Equatable {
        var sort: BuildingColumn
        var ascending: Bool
        var filter: String
    }

    public func buildings(_ state: AppState) -> BuildingsViewModel {
        let key = BuildingsKey(sort: state.buildingSort, ascending: state.buildingSortAscending, filter: state.buildingFilter)
        if key == buildingsKey, let buildingsModel { return buildingsModel }
        let model = BuildingsViewModel(programme: programme, state: state,
                                       live: LiveContext(today: today, staleAfterDays: staleAfterDays))
        buildingsKey = key
        buildingsModel = model
        return model
    }

    private var budgetKey: Set<String>?
    private var budgetModel: BudgetViewModel?

    public func budget(_ state: AppState) -> BudgetViewModel {
        if state.expandedAllocations == budgetKey, let budgetModel { return budgetModel }
        let model = BudgetViewModel(programme: programme, state: state)
        budgetKey = state.expandedAllocations
        budgetModel = model
        return model
    }
}
