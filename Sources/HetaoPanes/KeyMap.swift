import HetaoText
import HetaoViewModels
import TerminalKit

/// Where a binding applies.
public enum BindingScope: CaseIterable, Sendable {
    case global, navigation, overlay, changes, sortChooser, buildings, budget, schedule, filter, command, form, recordBuilding,
         recordAllocation

    public var title: Phrase {
        switch self {
        case .global: return .scopeEverywhere
        case .navigation: return .scopeNavigation
        case .overlay: return .scopeOverlay
        case .changes: return .scopeChanges
        case .sortChooser: return .scopeSortChooser
        case .buildings: return .scopeBuildings
        case .budget: return .scopeBudget
        case .filter: return .scopeFilter
        case .command: return .scopeCommand
        case .form: return .scopeForm
        case .schedule: return .scopeSchedule
        case .recordBuilding: return .scopeRecordBuilding
        case .recordAllocation: return .scopeRecordAllocation
        }
    }
}

/// One key binding: the keys, what it does, and its short hint for the status bar.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var description: Phrase
    public var scope: BindingScope
    public var action: Action
    /// The word shown in the status bar, after the binding's first key, when the scope is
    /// active; nil keeps it to the help overlay.
    public var hint: Phrase?
    /// The action of the binding whose first key the hint shows too (`↑↓ move`).
    public var hintPartner: Action?
    /// Hinted first, in the same place whatever has focus: help and quit are never pushed off a
    /// narrow status bar, and a focus change rewrites only what follows them.
    public var pinned: Bool

    public init(_ keys: [Key], _ description: Phrase, scope: BindingScope, action: Action, hint: Phrase? = nil,
                with partner: Action? = nil, pinned: Bool = false) {
        self.keys = keys
        self.description = description
        self.scope = scope
        self.action = action
        self.hint = hint
        self.hintPartner = partner
        self.pinned = pinned
    }

    /// How the help overlay lists the keys: `↑ k`.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// The one table of key bindings: input dispatch, the status-bar hints and the help overlay all
/// read it, so help cannot drift from behaviour.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.character("q"), .character("Q"), .control("c")], .keyQuit, scope: .global, action: .quit, hint: .hintQuit,
                   pinned: true),
        KeyBinding([.character("?"), .function(1)], .keyHelp, scope: .global, action: .showHelp, hint: .hintHelp, pinned: true),
        KeyBinding([.tab], .keyNextPane, scope: .global, action: .focusNextPane, hint: .hintNextPane),
        KeyBinding([.backTab], .keyPreviousPane, scope: .global, action: .focusPreviousPane),
        KeyBinding([.character("1")], .keyOverviewPane, scope: .global, action: .focus(.overview)),
        KeyBinding([.character("2")], .keyPhasesPane, scope: .global, action: .focus(.phases)),
        KeyBinding([.character("3")], .keyBuildingsPane, scope: .global, action: .focus(.buildings)),
        KeyBinding([.character("4")], .keyBudgetPane, scope: .global, action: .focus(.budget)),
        KeyBinding([.character("5")], .keyInstitutionsPane, scope: .global, action: .focus(.institutions)),
        KeyBinding([.character("6")], .keySchedulePane, scope: .global, action: .focus(.schedule)),
        KeyBinding([.character("L")], .keyLanguage, scope: .global, action: .switchLanguage),
        KeyBinding([.character("t")], .keyTravelBack, scope: .global, action: .travelBack),
        KeyBinding([.character("T")], .keyTravelForward, scope: .global, action: .travelForward),
        KeyBinding([.character("0")], .keyTravelNow, scope: .global, action: .travelToNow),
        KeyBinding([.character("c")], .keyChanges, scope: .global, action: .showChanges),
        KeyBinding([.character(":")], .keyCommand, scope: .global, action: .openCommand),
        KeyBinding([.escape, .character("q")], .keyBack, scope: .overlay, action: .closeOverlay, hint: .hintBack),
        KeyBinding([.character("m")], .keySwitchChangesSince, scope: .changes, action: .switchChangesSince,
                   hint: .hintSwitchChangesSince),
        KeyBinding([.character("M")], .keyMarkMeeting, scope: .changes, action: .markMeeting, hint: .hintMarkMeeting),
        KeyBinding([.up, .character("k")], .keyUp, scope: .navigation, action: .moveSelection(by: -1), hint: .hintMove,
                   with: .moveSelection(by: 1)),
        KeyBinding([.down, .character("j")], .keyDown, scope: .navigation, action: .moveSelection(by: 1)),
        KeyBinding([.pageUp], .keyPageUp, scope: .navigation, action: .movePage(by: -1)),
        KeyBinding([.pageDown, .character(" ")], .keyPageDown, scope: .navigation, action: .movePage(by: 1)),
        KeyBinding([.home, .character("g")], .keyFirst, scope: .navigation, action: .selectFirst),
        KeyBinding([.end, .character("G")], .keyLast, scope: .navigation, action: .selectLast),
        KeyBinding([.enter], .keyDetail, scope: .navigation, action: .openDetail, hint: .hintDetail),
        KeyBinding([.character("y")], .keyCopy, scope: .navigation, action: .copyID),
        KeyBinding([.character("/")], .keySearch, scope: .navigation, action: .beginFilter),
        KeyBinding([.character("n")], .keyNextMatch, scope: .navigation, action: .nextMatch(by: 1)),
        KeyBinding([.character("N")], .keyPreviousMatch, scope: .navigation, action: .nextMatch(by: -1)),
        KeyBinding([.character("/")], .keyFilter, scope: .buildings, action: .beginFilter, hint: .hintFilter),
        KeyBinding([.character("s")], .keySortChooser, scope: .buildings, action: .openSortChooser, hint: .hintSort),
        KeyBinding([.enter], .keySortPick, scope: .sortChooser, action: .pickSort, hint: .hintSortPick),
        KeyBinding([.character(">")], .keySortNext, scope: .buildings, action: .sortByNextColumn),
        KeyBinding([.character("<")], .keySortPrevious, scope: .buildings, action: .sortByPreviousColumn),
        KeyBinding([.character("I")], .keyReverse, scope: .buildings, action: .reverseSort),
        KeyBinding([.escape], .keyClearFilter, scope: .buildings, action: .clearFilter),
        KeyBinding([.right, .character("l"), .character("+")], .keyExpand, scope: .budget, action: .expand, hint: .hintExpand,
                   with: .collapse),
        KeyBinding([.left, .character("h"), .character("-")], .keyCollapse, scope: .budget, action: .collapse),
        KeyBinding([.character("e")], .keyExpandAll, scope: .budget, action: .expandAll, hint: .hintExpandAll),
        KeyBinding([.character("+"), .character("=")], .keyZoomIn, scope: .schedule, action: .zoom(by: 1), hint: .hintZoom,
                   with: .zoom(by: -1)),
        KeyBinding([.character("-")], .keyZoomOut, scope: .schedule, action: .zoom(by: -1)),
        KeyBinding([.left, .character("h")], .keyPanEarlier, scope: .schedule, action: .pan(by: -8)),
        KeyBinding([.right, .character("l")], .keyPanLater, scope: .schedule, action: .pan(by: 8)),
        KeyBinding([.character("C")], .keyCollapseAll, scope: .budget, action: .collapseAll),
        KeyBinding([.enter], .keyKeepFilter, scope: .filter, action: .commitFilter, hint: .hintKeepFilter),
        KeyBinding([.escape], .keyClearFilter, scope: .filter, action: .clearFilter, hint: .hintClearFilter),
        KeyBinding([.backspace], .keyDeleteCharacter, scope: .filter, action: .deleteFilterCharacter),
        KeyBinding([.enter], .keyCommandRun, scope: .command, action: .commandSubmit, hint: .hintCommandRun),
        KeyBinding([.escape], .keyCommandClose, scope: .command, action: .commandCancel, hint: .hintCommandClose),
        KeyBinding([.tab], .keyCommandComplete, scope: .command, action: .commandComplete, hint: .hintCommandComplete),
        KeyBinding([.up], .keyCommandEarlier, scope: .command, action: .commandHistory(by: -1), hint: .hintCommandHistory,
                   with: .commandHistory(by: 1)),
        KeyBinding([.down], .keyCommandLater, scope: .command, action: .commandHistory(by: 1)),
        KeyBinding([.left], .keyFormLeft, scope: .command, action: .commandEdit(.left)),
        KeyBinding([.right], .keyFormRight, scope: .command, action: .commandEdit(.right)),
        KeyBinding([.home, .control("a")], .keyFormStart, scope: .command, action: .commandEdit(.home)),
        KeyBinding([.end, .control("e")], .keyFormEnd, scope: .command, action: .commandEdit(.end)),
        KeyBinding([.backspace], .keyFormDeleteBack, scope: .command, action: .commandEdit(.deleteBackward)),
        KeyBinding([.delete, .control("d")], .keyFormDeleteForward, scope: .command, action: .commandEdit(.deleteForward)),
        KeyBinding([.control("u")], .keyFormDeleteToStart, scope: .command, action: .commandEdit(.deleteToStart)),
        KeyBinding([.control("w")], .keyFormDeleteWord, scope: .command, action: .commandEdit(.deleteWordBackward)),
        KeyBinding([.character("r")], .keyRecordProgress, scope: .recordBuilding, action: .openForm(.progress), hint: .hintRecord),
        KeyBinding([.character("m")], .keyRecordMilestone, scope: .recordBuilding, action: .openForm(.milestone)),
        KeyBinding([.character("l")], .keyRecordLeasing, scope: .recordBuilding, action: .openForm(.leasing)),
        KeyBinding([.character("r")], .keyRecordSpend, scope: .recordAllocation, action: .openForm(.spend), hint: .hintRecord),
        KeyBinding([.character("e")], .keyCorrect, scope: .recordBuilding, action: .openCorrection),
        KeyBinding([.character("e")], .keyCorrect, scope: .recordAllocation, action: .openCorrection),
        KeyBinding([.enter], .keyFormSave, scope: .form, action: .formSubmit, hint: .hintFormSave),
        KeyBinding([.escape], .keyFormCancel, scope: .form, action: .formCancel, hint: .hintFormCancel),
        KeyBinding([.tab, .down], .keyFormNext, scope: .form, action: .formMoveFocus(by: 1), hint: .hintFormNext),
        KeyBinding([.backTab, .up], .keyFormPrevious, scope: .form, action: .formMoveFocus(by: -1)),
        KeyBinding([.left], .keyFormLeft, scope: .form, action: .formEdit(.left), hint: .hintFormChoose,
                   with: .formEdit(.right)),
        KeyBinding([.right], .keyFormRight, scope: .form, action: .formEdit(.right)),
        KeyBinding([.home, .control("a")], .keyFormStart, scope: .form, action: .formEdit(.home)),
        KeyBinding([.end, .control("e")], .keyFormEnd, scope: .form, action: .formEdit(.end)),
        KeyBinding([.backspace], .keyFormDeleteBack, scope: .form, action: .formEdit(.deleteBackward)),
        KeyBinding([.delete, .control("d")], .keyFormDeleteForward, scope: .form, action: .formEdit(.deleteForward)),
        KeyBinding([.control("u")], .keyFormDeleteToStart, scope: .form, action: .formEdit(.deleteToStart)),
        KeyBinding([.control("w")], .keyFormDeleteWord, scope: .form, action: .formEdit(.deleteWordBackward)),
    ]

    /// The scopes in force, most specific first.
    public static func activeScopes(_ state: AppState) -> [BindingScope] {
        if state.form != nil { return [.form] }
        if state.commandLine != nil { return [.command] }
        if state.isEditingFilter { return [.filter] }
        switch state.overlay {
        case .building?: return [.overlay, .recordBuilding, .navigation, .global]
        case .allocation?: return [.overlay, .recordAllocation, .navigation, .global]
        case .changes?: return [.overlay, .changes, .navigation, .global]
        case .sortChooser?: return [.sortChooser, .overlay, .navigation, .global]
        case .some: return [.overlay, .navigation, .global]
        case nil: break
        }
        switch state.focus {
        case .buildings: return [.buildings, .recordBuilding, .navigation, .global]
        case .budget: return [.budget, .recordAllocation, .navigation, .global]
        case .schedule: return [.schedule, .navigation, .global]
        case .overview, .phases, .institutions: return [.navigation, .global]
        }
    }

    /// The action a key means in `state`. While typing a filter or in the form, printable keys
    /// type and Ctrl-C still quits; a key that does nothing here says so (`.noAction`).
    public static func action(for key: Key, in state: AppState) -> Action {
        for scope in activeScopes(state) {
            if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        guard state.isEditingFilter || state.form != nil || state.commandLine != nil else { return .noAction(key: key.label) }
        if key == .control("c") { return .quit }
        guard case .character(let c) = key else { return .noAction(key: key.label) }
        if state.form != nil { return .formEdit(.insert(String(c))) }
        return state.commandLine != nil ? .commandEdit(.insert(String(c))) : .typeInFilter(c)
    }

    /// What pasted text means in `state`: typed into the form's field or the filter (where a
    /// line break would otherwise save or close it); nothing elsewhere.
    public static func actions(forPaste text: String, in state: AppState) -> [Action] {
        if state.form != nil { return [.formEdit(.insert(text))] }
        if state.commandLine != nil { return [.commandEdit(.insert(text.filter { !$0.isNewline }))] }
        if state.isEditingFilter { return text.filter { !$0.isNewline }.map { .typeInFilter($0) } }
        return []
    }

    /// Status-bar hints for `state` in priority order: the pinned ones, then most specific first.
    public static func hints(_ state: AppState, texts: Texts = .english) -> [String] {
        prioritised(state).compactMap { hint($0, in: state, texts: texts) }
    }

    /// A binding's status-bar hint: the first of its keys that does it in `state` (`q` closes a
    /// detail, so there quitting is `Q`), its partner's, then the word.
    static func hint(_ binding: KeyBinding, in state: AppState, texts: Texts) -> String? {
        guard let word = binding.hint,
              let key = binding.keys.first(where: { action(for: $0, in: state) == binding.action }) ?? binding.keys.first
        else { return nil }
        let partner = binding.hintPartner.flatMap { action in
            bindings.first { $0.scope == binding.scope && $0.action == action }?.keys.first
        }
        return key.label + (partner?.label ?? "") + " " + texts[word]
    }

    /// The hints that fit in `width` columns, two spaces apart. Chosen in priority order, so a
    /// narrow bar keeps what matters where the focus is; shown pinned first, then least specific
    /// first, so the hints that change with focus come last and a focus change rewrites only the
    /// end of the bar.
    public static func hints(_ state: AppState, fitting width: Int, texts: Texts = .english) -> [String] {
        var used = 0
        let chosen = prioritised(state).filter { binding in
            let needed = TextWidth.of(hint(binding, in: state, texts: texts) ?? "") + 2
            guard used + needed <= width else { return false }
            used += needed
            return true
        }
        let scopes = activeScopes(state)
        func rank(_ binding: KeyBinding) -> Int {
            binding.pinned ? 0 : scopes.count - (scopes.firstIndex(of: binding.scope) ?? 0)
        }
        return chosen.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .compactMap { hint($0.element, in: state, texts: texts) }
    }

    private static func prioritised(_ state: AppState) -> [KeyBinding] {
        let active = activeScopes(state).flatMap { scope in bindings.filter { $0.scope == scope && $0.hint != nil } }
        return active.filter(\.pinned) + active.filter { !$0.pinned }
    }
}

extension KeyMap {
    /// Every binding by where it applies, one line each (`  q Q Ctrl-C   quit …`): the
    /// dashboard's `--help` and so its man page section, which takes no empty lines.
    public static func manual(texts t: Texts = .english) -> String {
        BindingScope.allCases.map { scope in
            // Every line indented, so a man page breaks before each instead of filling them.
            "  " + t[scope.title] + ":\n" + bindings.filter { $0.scope == scope }
                .map { "    " + TextWidth.pad($0.keyLabel, to: 16) + " " + t[$0.description] }.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// The same as Markdown, for the README's key list (a test keeps the two in step).
    public static func markdown(texts t: Texts = .english) -> String {
        BindingScope.allCases.map { scope in
            "- " + t[scope.title] + ": " + bindings.filter { $0.scope == scope }
                .map { binding in binding.keys.map { "`\($0.label)`" }.joined(separator: " ") + " " + t[binding.description] }
                .joined(separator: "; ")
        }.joined(separator: "\n")
    }
}
