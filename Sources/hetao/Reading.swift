import HetaoCommandLine
import ArgumentParser
import HetaoConfig
import HetaoDomain
import HetaoReport
import HetaoStore
import HetaoText

/// What a printed output shows: the programme as the store holds it (now, or as known at the
/// end of a past day), the changes since a day, and the reckoning (today, the day shown, the
/// settings). `hetao report`, the report printed when the dashboard has no terminal, and both
/// over `hetao serve` are made here, so the same store at the same moment prints the same
/// figures whichever way it is asked.
struct Reading {
    var programme: Programme
    /// The programme as the store holds it now, whatever day is shown.
    let present: Programme
    var reckoning: Reckoning
    var changes: [NetChange]
    /// The computed figures that moved over the period.
    var derived: [DerivedChange] = []
    /// The period the changes cover: from the start of `since` to the end of `until`.
    var since: Day
    var until: Day
    private let dataset: Programme

    /// The store's latest records over `dataset` (as known on `knownOn`, when given), and what
    /// was recorded since `since` (default: a week before today) when `changes` is asked for.
    /// A store that fails says so and exits with its status.
    init(_ dataset: Programme, feed: StoreWatcher?, settings: Settings, knownOn: Day? = nil, since: Day? = nil,
         until: Day? = nil, changes wanted: Bool) throws {
        self.dataset = dataset
        programme = feed?.poll() ?? dataset
        present = programme
        reckoning = Reckoning(today: Today.day, knownOn: knownOn, staleAfterDays: settings.staleDays.value,
                              thresholds: settings.thresholds.value, behindPlan: settings.behindPlan.value)
        self.until = until ?? reckoning.day
        self.since = since ?? self.until.adding(days: -6)
        guard self.since <= self.until else {
            Console.error("hetao: the period would start on \(self.since.iso), after it ends on \(self.until.iso): give --since on or before --until (default: the day shown)")
            throw ExitCode(64)
        }
        changes = []
        guard let feed else { return }
        do {
            if let knownOn { programme = dataset.asPublished(on: knownOn).applying(try feed.store.latest(asKnownOn: knownOn)) }
        } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
        if wanted { try readChanges(feed) }
    }

    /// Reads what changed over the period, net, and the computed figures that moved: a
    /// dashboard that opens does not need them, the report it prints instead does.
    mutating func readChanges(_ feed: StoreWatcher?) throws {
        guard let feed else { return }
        do {
            let end = LocalDay.start(of: until.adding(days: 1))
            changes = try feed.changes(since: LocalDay.start(of: since), until: end)
            let before = since.adding(days: -1)
            let earlier = dataset.asPublished(on: before).applying(try feed.store.latest(asKnownOn: before))
            let later = until >= reckoning.today ? programme
                : dataset.asPublished(on: until).applying(try feed.store.latest(asKnownOn: until))
            derived = Programme.derivedChanges(from: earlier, on: before, to: later, on: until)
        } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
    }

    func report(sections: [ReportSection] = ReportSection.allCases, language: Language, width: Int? = nil) -> HetaoReport.Report {
        HetaoReport.Report(programme: programme, reckoning: reckoning, sections: sections, width: width ?? TextOutput.width(),
                           language: language, changes: changes, derived: derived, period: since...until)
    }
}
