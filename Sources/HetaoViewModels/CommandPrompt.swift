import HetaoDomain
import HetaoText

/// The `:` command line (as in k9s): the text typed, where ↑ / ↓ stand in the history, and
/// the last error, shown in place until the line changes.
public struct CommandPrompt: Hashable, Sendable {
    public var text = EditableText()
    public var error: Notice?
    /// What `Tab` could complete to, when the word typed is not enough to tell.
    public var choices: [String] = []
    /// The history entry shown (nil: the line being typed, kept in `draft`).
    public var historyIndex: Int?
    public var draft = ""

    public init() {}

    /// How many commands a user's history keeps.
    public static let historyKept = 100
}

/// What a command line comes to: the actions it names, or why it cannot be run.
public enum CommandOutcome: Hashable, Sendable {
    case run([Action])
    case refused(Notice)
}

/// The commands, each a word and its argument, and the actions each becomes: a command is
/// tested as a key is, through the reducer.
public enum Command: String, CaseIterable, Sendable {
    case building, pane, known, now, since, lang, theme, sort, filter, record, quit

    /// What `Tab` offers for the argument of a command.
    func arguments(_ state: AppState) -> [String] {
        switch self {
        case .building: return state.shown.subjectWords
        case .pane: return Pane.allCases.map(\.name)
        case .lang: return Language.allCases.map(\.rawValue)
        case .theme: return state.themes
        case .sort: return state.sortableColumns.map(\.name)
        case .record: return RecordKind.allCases.map(\.rawValue)
        case .known, .since, .filter, .now, .quit: return []
        }
    }

    /// The actions `line` asks for, or why it cannot be done.
    static func actions(for line: String, state: AppState) -> CommandOutcome {
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        guard let word = words.first else { return .run([]) }
        // `:building "Site A"`: quotes around a name with a space are the user's, not the name's.
        let argument = words.count > 1 ? String(words[1].trimmedWhitespace.filter { $0 != "\"" }) : ""
        guard let command = Command(rawValue: word) ?? (word == "q" ? .quit : nil) else {
            return .refused(Notice(.commandUnknown, word, Command.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        func need(_ what: String) -> CommandOutcome { .refused(Notice(.commandNeeds, command.rawValue, what)) }
        switch command {
        case .quit: return .run([.quit])
        case .now: return .run([.travelToNow])
        case .known, .since:
            guard !argument.isEmpty else { return need("YYYY-MM-DD") }
            guard let day = Day(iso: argument) else { return .refused(Notice(.commandNoSuchDay, argument)) }
            return .run([command == .known ? .travelTo(day) : .showChangesSinceDay(day)])
        case .building:
            guard !argument.isEmpty else { return need("id") }
            guard let id = state.shown.id(named: argument), state.shown.building(id) != nil else {
                let hint = state.shown.suggestion(for: argument, among: state.shown.buildings.map(\.id)) ?? ""
                return .refused(Notice(.commandNoBuilding, argument, hint))
            }
            // A filter that hides the building would leave another row selected: it goes.
            return .run([.focus(.buildings), .clearFilter, .selectBuilding(id), .openDetail])
        case .pane:
            guard let pane = Pane(named: argument) else { return need(Pane.allCases.map(\.name).joined(separator: ", ")) }
            return .run([.focus(pane)])
        case .lang:
            guard let language = Language(rawValue: argument) else { return need(Language.allCases.map(\.rawValue).joined(separator: ", ")) }
            return .run(language == state.language ? [] : [.switchLanguage])
        case .theme:
            guard !state.themes.isEmpty else { return .refused(Notice(.colourOff)) }
            guard state.themes.contains(argument) else { return need(state.themes.joined(separator: ", ")) }
            return .run([.useTheme(argument)])
        case .sort:
            // Only a column on screen, as `s` offers: the sort is never one the user cannot see.
            guard let column = state.sortableColumns.first(where: { $0.name == argument }) else {
                return need(state.sortableColumns.map(\.name).joined(separator: ", "))
            }
            return .run([.focus(.buildings), .sort(by: column)])
        case .filter:
            return .run([.focus(.buildings), .setFilter(argument)])
        case .record:
            let parts = argument.split(separator: " ", maxSplits: 1).map(String.init)
            guard let kind = parts.first.flatMap(RecordKind.init(rawValue:)) else {
                return need(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard parts.count > 1 else { return .run([.openForm(kind)]) }
            // Spend on an allocation; progress, leasing and milestone dates on a building.
            if let id = state.shown.id(named: parts[1]), state.shown.allocation(id) != nil, kind == .spend {
                return .run([.focus(.budget), .selectAllocation(id), .openForm(kind)])
            }
            if let id = state.shown.id(named: parts[1]), state.shown.building(id) != nil, kind != .spend {
                return .run([.focus(.buildings), .clearFilter, .selectBuilding(id), .openForm(kind)])
            }
            return .refused(Notice(.commandCannotRecord, kind.rawValue, parts[1]))
        }
    }

    /// `line` completed as far as it is unambiguous (the command word, then its argument), and
    /// the choices left when more than one fits.
    static func completed(_ line: String, state: AppState) -> (line: String, choices: [String]) {
        let words = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if words.count <= 1 {
            let matches = Command.allCases.map(\.rawValue).filter { $0.hasPrefix(line) }
            return matches.count == 1 ? (matches[0] + " ", []) : (commonPrefix(matches) ?? line, matches)
        }
        guard let command = Command(rawValue: words[0]) else { return (line, []) }
        let matches = command.arguments(state).filter { $0.hasPrefix(words[1]) }
        if matches.count == 1 { return (words[0] + " " + matches[0], []) }
        return (words[0] + " " + (commonPrefix(matches) ?? words[1]), matches)
    }

    private static func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() { while !word.hasPrefix(prefix) { prefix.removeLast() } }
        return prefix
    }
}

extension BuildingColumn {
    /// The column's name in `:sort`.
    public var name: String {
        switch self {
        case .label: return "number"
        case .name: return "name"
        case .otherName: return "other-name"
        case .use: return "use"
        case .storeys: return "storeys"
        case .status: return "status"
        case .progress: return "progress"
        case .baseline: return "baseline"
        case .expected: return "forecast"
        case .slip: return "slip"
        case .behind: return "behind"
        case .leased: return "let"
        case .reported: return "reported"
        case .id: return "id"
        }
    }
}
