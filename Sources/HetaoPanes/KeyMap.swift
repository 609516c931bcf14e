import HetaoViewModels
import TerminalKit

/// Where a binding applies.
public enum BindingScope: String, CaseIterable, Sendable {
    case global = "Everywhere"
    case navigation = "Lists and details"
    case overlay = "In a detail or help"
    case buildings = "Buildings"
    case budget = "Budget"
    case filter = "While typing a filter"
}

/// One key binding: the keys, what it does, and its short hint for the status bar.
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var description: String
    public var scope: BindingScope
    public var action: Action
    /// Shown in the status bar when the scope is active; nil keeps it to the help overlay.
    public var hint: String?
    /// Hinted first, in the same place whatever has focus: help and quit are never pushed off a
    /// narrow status bar, and a focus change rewrites only what follows them.
    public var pinned: Bool

    public init(_ keys: [Key], _ description: String, scope: BindingScope, action: Action, hint: String? = nil,
                pinned: Bool = false) {
        self.keys = keys
        self.description = description
        self.scope = scope
        self.action = action
        self.hint = hint
        self.pinned = pinned
    }

    /// How the help overlay lists the keys: `↑ k`.
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }
}

/// The one table of key bindings: input dispatch, the status-bar hints and the help overlay all
/// read it, so help cannot drift from behaviour.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding([.character("q"), .control("c")], "quit", scope: .global, action: .quit, hint: "q quit",
                   pinned: true),
        KeyBinding([.character("?"), .function(1)], "help: every key", scope: .global, action: .showHelp,
                   hint: "? help", pinned: true),
        KeyBinding([.tab], "next pane", scope: .global, action: .focusNextPane, hint: "Tab pane"),
        KeyBinding([.backTab], "previous pane", scope: .global, action: .focusPreviousPane),
        KeyBinding([.character("1")], "Overview pane", scope: .global, action: .focus(.overview)),
        KeyBinding([.character("2")], "Phases pane", scope: .global, action: .focus(.phases)),
        KeyBinding([.character("3")], "Buildings pane", scope: .global, action: .focus(.buildings)),
        KeyBinding([.character("4")], "Budget pane", scope: .global, action: .focus(.budget)),
        KeyBinding([.character("5")], "Institutions pane", scope: .global, action: .focus(.institutions)),
        KeyBinding([.escape], "back: close the detail or help", scope: .overlay, action: .closeOverlay, hint: "Esc back"),
        KeyBinding([.up, .character("k")], "up", scope: .navigation, action: .moveSelection(by: -1), hint: "↑↓ move"),
        KeyBinding([.down, .character("j")], "down", scope: .navigation, action: .moveSelection(by: 1)),
        KeyBinding([.pageUp], "page up", scope: .navigation, action: .moveSelection(by: -DashboardReducer.pageSize)),
        KeyBinding([.pageDown, .character(" ")], "page down", scope: .navigation,
                   action: .moveSelection(by: DashboardReducer.pageSize)),
        KeyBinding([.home, .character("g")], "first", scope: .navigation, action: .selectFirst),
        KeyBinding([.end, .character("G")], "last", scope: .navigation, action: .selectLast),
        KeyBinding([.enter], "open the selected item's detail", scope: .navigation, action: .openDetail,
                   hint: "Enter detail"),
        KeyBinding([.character("/")], "filter by name, use or status", scope: .buildings, action: .beginFilter,
                   hint: "/ filter"),
        KeyBinding([.character("s")], "sort by the next column", scope: .buildings, action: .sortByNextColumn,
                   hint: "s sort"),
        KeyBinding([.character("S")], "sort by the previous column", scope: .buildings, action: .sortByPreviousColumn),
        KeyBinding([.character("r")], "reverse the sort", scope: .buildings, action: .reverseSort, hint: "r reverse"),
        KeyBinding([.escape], "clear the filter", scope: .buildings, action: .clearFilter),
        KeyBinding([.right, .character("l"), .character("+")], "expand", scope: .budget, action: .expand,
                   hint: "→← open/close"),
        KeyBinding([.left, .character("h"), .character("-")], "collapse, or go to the parent", scope: .budget,
                   action: .collapse),
        KeyBinding([.character("e")], "expand all", scope: .budget, action: .expandAll, hint: "e all"),
        KeyBinding([.character("c")], "collapse all", scope: .budget, action: .collapseAll),
        KeyBinding([.enter], "keep the filter", scope: .filter, action: .commitFilter, hint: "Enter keep"),
        KeyBinding([.escape], "clear the filter", scope: .filter, action: .clearFilter, hint: "Esc clear"),
        KeyBinding([.backspace], "delete a character", scope: .filter, action: .deleteFilterCharacter),
    ]

    /// The scopes in force, most specific first.
    public static func activeScopes(_ state: AppState) -> [BindingScope] {
        if state.isEditingFilter { return [.filter] }
        if state.overlay != nil { return [.overlay, .navigation, .global] }
        switch state.focus {
        case .buildings: return [.buildings, .navigation, .global]
        case .budget: return [.budget, .navigation, .global]
        case .overview, .phases, .institutions: return [.navigation, .global]
        }
    }

    /// The action a key means in `state`, or nil. While typing a filter, printable keys type.
    public static func action(for key: Key, in state: AppState) -> Action? {
        for scope in activeScopes(state) {
            if let binding = bindings.first(where: { $0.scope == scope && $0.keys.contains(key) }) {
                return binding.action
            }
        }
        if state.isEditingFilter {
            if case .character(let c) = key { return .typeInFilter(c) }
            if key == .control("c") { return .quit }
        }
        return nil
    }

    /// Status-bar hints for `state` in priority order: the pinned ones, then most specific first.
    public static func hints(_ state: AppState) -> [String] {
        prioritised(state).compactMap(\.hint)
    }

    /// The hints that fit in `width` columns, two spaces apart. Chosen in priority order, so a
    /// narrow bar keeps what matters where the focus is; shown pinned first, then least specific
    /// first, so the hints that change with focus come last and a focus change rewrites only the
    /// end of the bar.
    public static func hints(_ state: AppState, fitting width: Int) -> [String] {
        var used = 0
        let chosen = prioritised(state).filter { binding in
            let needed = TextWidth.of(binding.hint ?? "") + 2
            guard used + needed <= width else { return false }
            used += needed
            return true
        }
        let scopes = activeScopes(state)
        func rank(_ binding: KeyBinding) -> Int {
            binding.pinned ? 0 : scopes.count - (scopes.firstIndex(of: binding.scope) ?? 0)
        }
        return chosen.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }
            .compactMap(\.element.hint)
    }

    private static func prioritised(_ state: AppState) -> [KeyBinding] {
        let active = activeScopes(state).flatMap { scope in bindings.filter { $0.scope == scope && $0.hint != nil } }
        return active.filter(\.pinned) + active.filter { !$0.pinned }
    }
}
