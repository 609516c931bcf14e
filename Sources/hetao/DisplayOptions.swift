import HetaoCommandLine
import ArgumentParser
import HetaoDomain
import HetaoConfig
import HetaoViewModels

extension Pane: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(named: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.name) }
}

/// How the dashboard looks and opens; each overrides the config file.
struct DisplayOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Colour theme: dark (default), light, or one of the config file's themes.",
                                            valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "No colour (also when NO_COLOR is set); wins over any theme.")
    var noColor = false

    @Flag(name: .long, help: "Draw lines and bars with ASCII only, whatever the locale.")
    var ascii = false

    @Flag(name: .long, help: "Leave the mouse to the terminal (no clicks or wheel in the dashboard); Shift-drag selects text either way.")
    var noMouse = false

    @Option(name: .long, help: ArgumentHelp("The pane to open on.", valueName: "pane"))
    var pane: Pane?

    @Option(name: .long, help: "Mark a building's progress stale when its latest report is older than this many days (default \(Reckoning.defaultStaleAfterDays)).")
    var staleDays: Int?

    @OptionGroup var language: LanguageOption

    func validate() throws {
        if let staleDays, staleDays < 0 { throw ValidationError("--stale-days must be 0 or more") }
    }

    var flags: SettingFlags {
        SettingFlags(theme: theme, noColor: noColor, language: language.language, staleDays: staleDays, pane: pane, ascii: ascii,
                     noMouse: noMouse)
    }
}
