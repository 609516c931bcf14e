import HetaoViewModels
import TerminalKit

/// A place on the last frame a mouse can act on: what a click there does, whether a double
/// click then opens the detail, and what the wheel scrolls there.
public struct Hit: Sendable {
    public enum Wheel: Sendable {
        /// The pane's list or text, focused first.
        case pane(Pane)
        /// The overlay on top (a detail, help, the changes), in place.
        case overlay
    }

    public var rect: Rect
    public var click: [Action]
    public var opens: Bool
    public var wheel: Wheel?

    public init(_ rect: Rect, click: [Action], opens: Bool = false, wheel: Wheel? = nil) {
        self.rect = rect
        self.click = click
        self.opens = opens
        self.wheel = wheel
    }
}

/// Mouse events as actions, through the hits the last frame drew: the topmost hit under the
/// pointer decides. So a click is the same action a key would send, tested the same way.
public enum MouseMap {
    /// Rows a wheel step moves.
    public static let wheelStep = 3

    /// `pressed` is what the press before this one did: a double press opens only what that
    /// press selected (the first may have closed what was under the pointer, as the sort
    /// chooser does). While the form, the command line or a filter is being typed into, the
    /// mouse does nothing: what is typed stays where it is.
    public static func actions(for event: MouseEvent, in hits: [Hit], state: AppState, pressed: [Action] = []) -> [Action] {
        guard state.form == nil, state.commandLine == nil, !state.isEditingFilter,
              let hit = hits.last(where: { $0.rect.contains(x: event.x, y: event.y) }) else { return [] }
        switch event.kind {
        case .press:
            return hit.click
        case .doublePress:
            guard hit.click == pressed else { return [] }
            return hit.click + (hit.opens ? [.openDetail] : [])
        case .wheelUp, .wheelDown:
            let step = event.kind == .wheelUp ? -wheelStep : wheelStep
            switch hit.wheel {
            case .pane(let pane)?:
                let focus: [Action] = state.overlays.isEmpty && state.focus != pane ? [.focus(pane)] : []
                return focus + [.moveSelection(by: step)]
            case .overlay?:
                return [.moveSelection(by: step)]
            case nil:
                return []
            }
        }
    }
}
