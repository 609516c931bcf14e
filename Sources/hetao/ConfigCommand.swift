import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoConfig
import HetaoDomain
import HetaoStore
import HetaoText
import TerminalKit

extension Hetao {
    /// Prints the effective settings and where each came from.
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Show the effective settings and where each came from.",
            discussion: """
            Settings come from flags, then the config file ($XDG_CONFIG_HOME/hetao/config.yaml, else \
            ~/.config/hetao/config.yaml), then defaults. The file may hold: theme, language, stale_days, \
            store, pane, ascii, clipboard, mouse, and themes (your own, by name). NO_COLOR and --no-color win over any theme. \
            A bad config file stops every command with FILE:LINE:COLUMN and exit 78.
            """
        )

        @OptionGroup var display: DisplayOptions
        @OptionGroup var store: StoreOptions

        func run() throws {
            let file = try UserConfig.load()
            let settings = try UserConfig.settings(display.flags, file: file)
            let storePath = StorePath.resolveWithOrigin(option: store.store, configured: UserConfig.store(file),
                                                        environment: ProcessEnvironment.variables)
            let rows: [(String, String, String)] = [
                ("config", UserConfig.path, file == nil ? "not found: defaults apply" : "read"),
                ("theme", settings.theme.value?.name ?? "none (no colour)", settings.theme.origin),
                ("language", settings.language.value.rawValue, settings.language.origin),
                ("stale_days", String(settings.staleDays.value), settings.staleDays.origin),
                ("store", StoreLocation.postgres(storePath.path).map(StoreLocation.redacted) ?? storePath.path, storePath.origin),
                ("pane", settings.pane.value.name, settings.pane.origin),
                ("ascii", String(settings.ascii.value), settings.ascii.origin),
                ("clipboard", String(settings.clipboard.value), settings.clipboard.origin),
                ("mouse", String(settings.mouse.value), settings.mouse.origin),
                ("evm_warning", Format.plain(settings.thresholds.value.warning), settings.thresholds.origin),
                ("evm_bad", Format.plain(settings.thresholds.value.bad), settings.thresholds.origin),
                ("behind_plan_warning", Format.plain(settings.behindPlan.value.warning), settings.behindPlan.origin),
                ("behind_plan_bad", Format.plain(settings.behindPlan.value.bad), settings.behindPlan.origin),
                ("themes", (file?.themes.keys.sorted() ?? Theme.builtIn.map(\.name)).joined(separator: ", "), ""),
            ]
            let width = rows.map { $0.1.count }.max() ?? 0
            for (key, value, origin) in rows {
                let shown = TextOutput.line(value)
                let padded = shown.padding(toLength: max(width, shown.count), withPad: " ", startingAt: 0)
                let line = key.padding(toLength: 20, withPad: " ", startingAt: 0) + padded
                    + (origin.isEmpty ? "" : "  (\(TextOutput.line(origin)))")
                Console.out(line.trimmedWhitespace + "\n")
            }
        }
    }
}
