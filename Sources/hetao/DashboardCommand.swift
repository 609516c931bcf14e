import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoConfig
import HetaoDomain
import HetaoPanes
import HetaoRuntime
import HetaoReport
import HetaoStore
import HetaoViewModels
import NcursesBackend

extension Hetao {
    /// The interactive dashboard; the text report when there is no terminal to draw on.
    struct Dashboard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dashboard",
            abstract: "Open the interactive dashboard (the default).",
            discussion: """
            Press ? in the dashboard for every key. Without a terminal (a pipe, cron, ssh without -t), \
            or on a terminal that cannot address the cursor (TERM=dumb), prints the text report instead.
            Keys:
            """ + KeyMap.manual()
        )

        @OptionGroup var data: DatasetOptions
        @OptionGroup var display: DisplayOptions
        @OptionGroup var store: StoreOptions

        @Option(name: .long, help: ArgumentHelp("Open on this building's detail (an id, as `hetao history` takes).", valueName: "id"))
        var building: String?

        @Option(name: .long, help: ArgumentHelp(
            "Open on the store as it was known at the end of this day (YYYY-MM-DD); 0 returns to now.", valueName: "date"))
        var asKnownOn: Day?

        @Option(name: .long, help: ArgumentHelp(
            "Open on what changed from the start of this day (YYYY-MM-DD), instead of since your last visit.", valueName: "date"))
        var since: Day?

        func run() throws {
            try Self.open(DashboardRequest(dataset: data.dataset, flags: display.flags, store: store.choice, building: building,
                                           asKnownOn: asKnownOn, since: since))
        }

        /// Opens the dashboard as `request` asks.
        static func open(_ request: DashboardRequest) throws {
            let (store, building, asKnownOn, since) = (request.store, request.building, request.asKnownOn, request.since)
            let settings = try UserConfig.settings(request.flags, file: try UserConfig.load())
            let dataset = try DatasetOptions.load(request.dataset)
            let buildingID = building.flatMap(dataset.id(named:))
            if let building, buildingID.map({ id in !dataset.buildings.contains { $0.id == id } }) ?? true {
                let hint = dataset.suggestion(for: building, among: dataset.buildings.map(\.id)).map { "; did you mean \($0)?" } ?? ""
                Console.error("hetao: no building \(VisibleText.quoted(building))\(hint)")
                throw ExitCode(64)
            }
            let feed = try store.openFeed(dataset)
            // Read before the terminal is tried: the dashboard opens on the same figures.
            var reading = try Reading(dataset, feed: feed, settings: settings, knownOn: asKnownOn, since: since, changes: false)
            let programme = reading.present
            let report = { () throws -> String in
                try reading.readChanges(feed)
                return reading.report(language: LanguageOption.printable(settings.language.value)).render(.text)
            }
            let terminal: NcursesTerminal
            do {
                terminal = try NcursesTerminal(asciiOnly: settings.ascii.value, theme: settings.theme.value,
                                               mouse: settings.mouse.value)
            } catch TerminalError.notATerminal {
                Console.out(try report())
                return
            } catch {
                Console.error("hetao: cannot open the dashboard: \(error); printing the text report instead.")
                Console.out(try report())
                return
            }
            let visits = UserVisits(user: Recorder.user)
            let status = DashboardLoop(programme: programme, backend: terminal, feed: feed,
                                       reckoning: reading.reckoning.showing(reading.reckoning.today),
                                       language: settings.language.value,
                                       pane: settings.pane.value, building: buildingID,
                                       recordingUnavailable: ProcessEnvironment.variables["HETAO_ROLE"] == "viewer"
                                           ? .formViewerRole : nil, lastVisit: visits.lastVisit, meeting: visits.meeting,
                                       marks: feed == nil ? nil : visits,
                                       session: ServeSession.server == nil ? nil
                                           : (Recorder.user, ProcessEnvironment.variables["HETAO_ROLE"] ?? "viewer"),
                                       knownOn: asKnownOn, since: since.map(LocalDay.start),
                                       clipboard: settings.clipboard.value, commandHistory: visits.commandHistory,
                                       themes: terminal.showsColour ? settings.themes : [:],
                                       theme: terminal.showsColour ? settings.theme.value?.name : nil).run()
            terminal.restore()
            if let feed { store.tellUnreadable(feed.store) }
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// What the dashboard is opened with: its options once parsed, or, for `hetao` alone, the
/// defaults the parser would give them (`DashboardRequest()`).
struct DashboardRequest {
    var dataset: String?
    var flags = SettingFlags()
    var store = StoreChoice()
    var building: String?
    var asKnownOn: Day?
    var since: Day?
}
