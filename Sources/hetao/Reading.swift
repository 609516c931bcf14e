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
    var reckoning: Reckoning
    var changes: [RecordChange]
    var since: Day

    /// The store's latest records over `dataset` (as known on `knownOn`, when given), and what
    /// was recorded since `since` (default: a week before today) when `changes` is asked for.
    /// A store that fails says so and exits with its status.
    init(_ dataset: Programme, feed: StoreWatcher?, settings: Settings, knownOn: Day? = nil, since: Day? = nil,
         changes wanted: Bool) throws {
        programme = feed?.poll() ?? dataset
        reckoning = Reckoning(today: Today.day, knownOn: knownOn, staleAfterDays: settings.staleDays.value,
                              thresholds: settings.thresholds.value, behindPlan: settings.behindPlan.value)
        self.since = since ?? reckoning.today.adding(days: -7)
        changes = []
        guard let feed else { return }
        do {
            if let knownOn { programme = dataset.applying(try feed.store.latest(asKnownOn: knownOn)) }
        } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
        if wanted { try readChanges(feed) }
    }

    /// Reads what was recorded since `since`: a dashboard that opens does not need them, the
    /// report it prints instead does.
    mutating func readChanges(_ feed: StoreWatcher?) throws {
        guard let feed else { return }
        do { changes = try feed.store.changes(since: LocalDay.start(of: since)) } catch {
            Console.error("hetao: \(error)")
            throw ExitCode(error.exitCode)
        }
    }

    func report(sections: [ReportSection] = ReportSection.allCases, language: Language) -> HetaoReport.Report {
        HetaoReport.Report(programme: programme, reckoning: reckoning, sections: sections, width: Hetao.Report.terminalWidth(),
                           language: language, changes: changes, since: since)
    }
}
