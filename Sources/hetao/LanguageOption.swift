import ArgumentParser
import Foundation
import HetaoDomain
import HetaoCommandLine
import HetaoText
import NcursesBackend

extension Language: ExpressibleByArgument {}

/// `--lang en|zh-Hant`; without it, what the locale asks for (`LC_ALL`, `LC_MESSAGES`, `LANG`).
struct LanguageOption: ParsableArguments {
    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "Language: en or zh-Hant (Traditional Chinese). Default: from LC_ALL, LC_MESSAGES or LANG (zh_HK, zh_TW, zh_MO pick zh-Hant).",
        valueName: "language"))
    var language: Language?

    var requested: Language { language ?? Language.preferred(by: ProcessEnvironment.variables) }

    /// The language to print in: Chinese only where the locale's character set can hold it;
    /// otherwise English, and a one-line notice on standard error.
    var forPrinting: Language { Self.printable(requested) }

    static func printable(_ wanted: Language) -> Language {
        guard wanted.needsUnicode, !TerminalLocale.setUp() else { return wanted }
        Console.error("hetao: \(Texts.english[.languageNeedsUnicode])")
        return .english
    }
}
