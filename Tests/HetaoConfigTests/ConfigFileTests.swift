import Foundation
import HetaoConfig
import HetaoData
import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit
import Testing

@Suite struct ConfigFileTests {
    private func parse(_ text: String) throws(ConfigError) -> ConfigFile {
        try ConfigFile.parse(Data(text.utf8), file: "config.yaml")
    }

    private func problems(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    @Test func everySettingIsReadWithItsLine() throws {
        let file = try parse("""
        # mine
        theme: light
        language: zh-Hant
        stale_days: 14
        store: /srv/hetao/status.sqlite
        pane: budget
        ascii: yes
        """)
        #expect(file.theme?.value == "light" && file.theme?.line == 2)
        #expect(file.language?.value == .traditionalChinese && file.staleDays?.value == 14 && file.staleDays?.line == 4)
        #expect(file.store?.value == "/srv/hetao/status.sqlite" && file.pane?.value == .budget && file.ascii?.value == true)
    }

    @Test func aUserThemeStartsFromItsBaseAndOverridesRoles() throws {
        let file = try parse("""
        theme: paper
        themes:
          paper:
            base: light
            warning: {fg: 166, bold: true}
            selection: {fg: white, bg: bright-blue}
            accent: magenta
        """)
        let paper = try #require(file.themes["paper"])
        #expect(paper.look(.warning) == RoleLook(.index(166), bold: true))
        #expect(paper.look(.selection) == RoleLook(.index(7), on: .index(12)))
        #expect(paper.look(.accent) == RoleLook(.index(5)))
        // What it does not set is the base's.
        #expect(paper.look(.bad) == Theme.light.look(.bad))
        #expect(file.themes["dark"] == Theme.dark)
    }

    @Test func mistakesAreLocatedAndTheClosestKeyIsSuggested() {
        #expect(problems("theme: dark\nstale_dayz: 3\n") == [
            "config.yaml:2:1: unknown setting 'stale_dayz'; did you mean 'stale_days'?",
        ])
        #expect(problems("theme: ligth\n") == ["config.yaml:1:8: unknown theme 'ligth'; did you mean 'light'?"])
        #expect(problems("pane: budgte\nascii: maybe\nstale_days: -2\n") == [
            "config.yaml:1:7: unknown pane 'budgte'; did you mean 'budget'?",
            "config.yaml:2:8: 'ascii' is 'maybe'; write true or false",
            "config.yaml:3:13: stale_days '-2' is not a number of days (0 or more)",
        ])
        #expect(problems("themes:\n  x:\n    warnin: red\n    bad: {fg: purpel}\n") == [
            "config.yaml:3:5: unknown role 'warnin'; did you mean 'warning'?",
            "config.yaml:4:15: 'purpel' is not a colour: write default, a name (black, red, green, yellow, blue, magenta, "
                + "cyan, white, or bright-NAME) or a number 0-255",
        ])
        #expect(problems("theme: [dark\n").first?.hasPrefix("config.yaml:2:1: YAML syntax:") == true)
        // A value that would act on a terminal is quoted back escaped.
        #expect(problems("language: \"\\e[31mfr\"\n") == [
            "config.yaml:1:11: unknown language '\\e[31mfr'; expected one of: en, zh-Hant",
        ])
    }

    @Test func theServeSectionHoldsTheServersSettingsAndLimits() throws {
        let file = try parse("""
        serve:
          listen: 0.0.0.0:2222
          users: /etc/hetao/users.yaml
          max_sessions: 32
          idle_timeout: 900
        """)
        #expect(file.serve.listen?.value == "0.0.0.0:2222" && file.serve.users?.value == "/etc/hetao/users.yaml")
        #expect(file.serve.maxSessions?.value == 32 && file.serve.maxSessions?.line == 4 && file.serve.idleTimeout?.value == 900)
        #expect(file.serve.maxSessionsPerUser == nil)
        #expect(problems("serve:\n  max_session: 3\n  idle_timeout: soon\n") == [
            "config.yaml:2:3: unknown serve setting 'max_session'; did you mean 'max_sessions'?",
            "config.yaml:3:17: idle_timeout 'soon' is not a whole number of 1 or more",
        ])
    }

    @Test func aMissingFileIsNoErrorAndTheDefaultPathFollowsXDG() throws {
        #expect(try ConfigFile.load(path: "/nonexistent/hetao/config.yaml") == nil)
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/hetao/config.yaml")
        #expect(ConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "relative", "HOME": "/h"]) == "/h/.config/hetao/config.yaml")
    }
}

@Suite struct SettingsTests {
    let file = try! ConfigFile.parse(Data("theme: light\npane: budget\nstale_days: 14\n".utf8), file: "/c.yaml")

    @Test func flagsOverrideTheFileWhichOverridesTheDefaults() throws {
        let fromFile = try Settings(flags: SettingFlags(), file: file, environment: ["LANG": "zh_HK.UTF-8"])
        #expect(fromFile.theme.value == Theme.light && fromFile.theme.origin == "/c.yaml:1")
        #expect(fromFile.pane.value == .budget && fromFile.pane.origin == "/c.yaml:2")
        #expect(fromFile.language.value == .traditionalChinese && fromFile.language.origin == "locale: LANG=zh_HK.UTF-8")
        #expect(fromFile.ascii.value == false && fromFile.ascii.origin == "default")
        let flagged = try Settings(flags: SettingFlags(theme: "dark", language: .english, staleDays: 3, pane: .phases, ascii: true),
                                   file: file, environment: [:])
        #expect(flagged.theme.value == Theme.dark && flagged.theme.origin == "--theme")
        #expect(flagged.staleDays.value == 3 && flagged.pane.value == .phases && flagged.ascii.origin == "--ascii")
        #expect(flagged.language.origin == "--lang")
    }

    @Test func evmThresholdsComeFromTheFileOrTheDefaults() throws {
        let file = try ConfigFile.parse(Data("evm_warning: 0.97\nevm_bad: 0.92\n".utf8), file: "/c.yaml")
        let settings = try Settings(flags: SettingFlags(), file: file, environment: [:])
        #expect(settings.thresholds.value == Thresholds(warning: 0.97, bad: 0.92, worse: .below))
        #expect(settings.thresholds.origin == "/c.yaml:1, /c.yaml:2")
        #expect(try Settings(flags: SettingFlags(), file: nil, environment: [:]).thresholds.value == Thresholds.earnedValue)
    }

    @Test func noColorWinsOverAnyTheme() throws {
        let env = try Settings(flags: SettingFlags(theme: "light"), file: file, environment: ["NO_COLOR": "1"])
        #expect(env.theme.value == nil && env.theme.origin == "NO_COLOR")
        let flag = try Settings(flags: SettingFlags(theme: "light", noColor: true), file: file, environment: [:])
        #expect(flag.theme.value == nil && flag.theme.origin == "--no-color")
    }

    @Test func anUnknownThemeFlagSaysWhichThemesThereAre() {
        #expect(throws: SettingError.self) { try Settings(flags: SettingFlags(theme: "ligth"), file: nil, environment: [:]) }
        do {
            _ = try Settings(flags: SettingFlags(theme: "ligth"), file: nil, environment: [:])
        } catch {
            #expect(error.description == "--theme 'ligth' is not a theme; did you mean 'light'? (themes: dark, light)")
        }
    }
}

@Suite struct ThemeColorTests {
    @Test func namesAndNumbersAreColours() {
        #expect(ThemeColor(name: "default") == .terminalDefault && ThemeColor(name: "Red") == .index(1))
        #expect(ThemeColor(name: "bright-cyan") == .index(14) && ThemeColor(name: "166") == .index(166))
        #expect(ThemeColor(name: "256") == nil && ThemeColor(name: "-1") == nil && ThemeColor(name: "purple") == nil)
    }

    @Test func aColourTheTerminalLacksBecomesTheNearestBasicOne() {
        #expect(ThemeColor.index(166).index(forTerminalWith: 256) == 166)
        #expect(ThemeColor.index(130).index(forTerminalWith: 8) == 1)   // dark orange: red
        #expect(ThemeColor.index(25).index(forTerminalWith: 8) == 4)    // dark blue: blue
        #expect(ThemeColor.index(12).index(forTerminalWith: 8) == 4)    // bright blue: blue
        #expect(ThemeColor.terminalDefault.index(forTerminalWith: 8) == nil)
    }

    @Test func theLightThemeKeepsWarningsAndAccentsOffYellowAndCyan() {
        for role in [ColorRole.warning, .accent, .focus] {
            let colour = Theme.light.look(role).foreground.index(forTerminalWith: 8)
            #expect(colour != 3 && colour != 6 && colour != 7, "\(role)")
        }
    }
}

@Suite struct ConfigFileAccessTests {
    @Test func aFolderWhereTheFileShouldBeIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "config.yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("theme: light\n".utf8)))
        #expect(try ConfigFile.load(path: path)?.theme?.value == "light")
        do {
            _ = try ConfigFile.load(path: folder.path)
            Issue.record("a folder was read as a config file")
        } catch {
            #expect(error.description == "\(folder.path): cannot read the config file: it is not a regular file")
        }
    }
}
