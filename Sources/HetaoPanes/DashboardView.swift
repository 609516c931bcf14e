import HetaoDomain
import HetaoViewModels
import TerminalKit

/// Draws the whole dashboard for a state onto a grid of the terminal's size.
///
/// Layouts: at 120×32 and larger every pane shows at once; from 40×12 one focused pane under a
/// tab bar; smaller, a message naming the size needed. Any size down to 1×1 draws without
/// failing.
public struct DashboardView {
    public static let minimumSize = Size(width: 40, height: 12)
    public static let wideSize = Size(width: 120, height: 32)

    public let cache: ViewModelCache
    public let glyphs: GlyphSet
    public var programme: Programme { cache.programme }

    public init(cache: ViewModelCache, glyphs: GlyphSet) {
        self.cache = cache
        self.glyphs = glyphs
    }

    public init(programme: Programme, glyphs: GlyphSet) {
        self.init(cache: ViewModelCache(programme: programme), glyphs: glyphs)
    }

    public func render(_ state: AppState, size: Size, live: LiveContext? = nil) -> Grid {
        let live = live ?? LiveContext(today: programme.asOf)
        var canvas = Canvas(grid: Grid(size: size), glyphs: glyphs)
        let screen = Rect(size: size)
        guard size.width >= Self.minimumSize.width, size.height >= Self.minimumSize.height else {
            drawTooSmall(&canvas, in: screen)
            return canvas.grid
        }
        let (top, rest) = screen.splitTop(1)
        let (content, bottom) = rest.splitBottom(1)
        let wide = size.width >= Self.wideSize.width && size.height >= Self.wideSize.height
        drawTabBar(&canvas, in: top, focus: wide ? nil : state.focus)
        drawStatusBar(&canvas, in: bottom, state: state, live: live)
        if wide {
            drawWide(&canvas, in: content, state: state, live: live)
        } else {
            drawPane(state.focus, &canvas, in: content, state: state, focused: true, live: live)
        }
        switch state.overlay {
        case .none: break
        case .help: HelpOverlay(scroll: state.overlayScroll).draw(&canvas, in: content)
        case .some(let overlay):
            if let model = DetailViewModel(programme: programme, overlay: overlay, live: live) {
                DetailOverlay(model: model, scroll: state.overlayScroll).draw(&canvas, in: content)
            }
        }
        return canvas.grid
    }

    private func drawTooSmall(_ canvas: inout Canvas, in rect: Rect) {
        let need = "\(Self.minimumSize.width)x\(Self.minimumSize.height)"
        let message = "Hetao dashboard needs \(need); this terminal is \(rect.width)x\(rect.height). Enlarge it, or press q."
        let lines = TextWidth.wrap(message, to: rect.width)
        let top = max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.prefix(rect.height).enumerated() {
            canvas.text(line, x: max(0, (rect.width - TextWidth.of(line)) / 2), y: top + i, style: Style(.warning, bold: true),
                        clip: rect)
        }
    }

    /// Overview and phases on top, buildings across the middle, budget and institutions below.
    private func drawWide(_ canvas: inout Canvas, in rect: Rect, state: AppState, live: LiveContext) {
        let topHeight = max(rect.height * 2 / 5, min(18, rect.height - 20))
        let middleHeight = max(programme.buildings.count + 3, rect.height * 3 / 10)
        let (upper, lower) = rect.splitTop(topHeight)
        let (middle, bottom) = lower.splitTop(min(middleHeight, lower.height - 8))
        let (overview, phases) = upper.splitLeft(upper.width / 2)
        let (budget, institutions) = bottom.splitLeft(bottom.width * 3 / 5)
        drawPane(.overview, &canvas, in: overview, state: state, focused: state.focus == .overview, live: live)
        drawPane(.phases, &canvas, in: phases, state: state, focused: state.focus == .phases, live: live)
        drawPane(.buildings, &canvas, in: middle, state: state, focused: state.focus == .buildings, live: live)
        drawPane(.budget, &canvas, in: budget, state: state, focused: state.focus == .budget, live: live)
        drawPane(.institutions, &canvas, in: institutions, state: state, focused: state.focus == .institutions, live: live)
    }

    private func drawPane(_ pane: Pane, _ canvas: inout Canvas, in rect: Rect, state: AppState, focused: Bool,
                          live: LiveContext) {
        switch pane {
        case .overview:
            let inner = canvas.box(rect, title: "1 Overview", detail: "Hetao Hong Kong Park", focused: focused)
            OverviewPane(model: cache.overview, scroll: state.overviewScroll)
                .draw(&canvas, in: inner.insetHorizontally(1))
        case .phases:
            let inner = canvas.box(rect, title: "2 Phases", detail: "west to east", focused: focused)
            PhasesPane(model: cache.phases, selected: state.selectedMilestone)
                .draw(&canvas, in: inner.insetHorizontally(1))
        case .buildings:
            let pane = BuildingsPane(model: cache.buildings(state),
                                     selected: state.selectedBuilding, focused: focused)
            let inner = canvas.box(rect, title: "3 Buildings", detail: pane.detail, focused: focused)
            pane.draw(&canvas, in: inner)
        case .budget:
            let model = cache.budget(state)
            let inner = canvas.box(rect, title: "4 Budget", detail: "allocations and sub-allocations", focused: focused)
            BudgetPane(model: model, selected: state.selectedAllocation, focused: focused).draw(&canvas, in: inner)
        case .institutions:
            let inner = canvas.box(rect, title: "5 Institutions", detail: "5 = the five major", focused: focused)
            InstitutionsPane(model: cache.institutions, selected: state.selectedInstitution,
                             focused: focused).draw(&canvas, in: inner)
        }
    }

    /// Pane tabs, `focus` bracketed and not reversed; the programme's title on the right. With
    /// every pane on screen `focus` is nil: the focused pane's own title is marked, and the bar is
    /// a legend of the pane keys that a focus change does not rewrite.
    private func drawTabBar(_ canvas: inout Canvas, in rect: Rect, focus: Pane?) {
        canvas.grid.fill(rect, style: Style(.normal, reverse: true))
        var x = rect.x
        x += canvas.text(" Hetao ", x: x, y: rect.y, style: Style(.accent, bold: true, reverse: true), clip: rect)
        for pane in Pane.allCases {
            let focused = pane == focus
            let label = focused ? "[\(pane.rawValue) \(pane.title)]" : " \(pane.rawValue) \(pane.title) "
            x += canvas.text(label, x: x, y: rect.y, style: focused ? Style(.focus, bold: true) : Style(.normal, reverse: true),
                             clip: rect)
        }
        let title = " " + glyphs.text(programme.title) + " "
        if rect.maxX - TextWidth.of(title) > x + 1 {
            canvas.text(title, x: rect.maxX - TextWidth.of(title), y: rect.y, style: Style(.normal, reverse: true), clip: rect)
        }
    }

    /// Key hints from the key map, or the filter being typed; on the right, the as-of date and
    /// the legend of the illustrative marker.
    private func drawStatusBar(_ canvas: inout Canvas, in rect: Rect, state: AppState, live: LiveContext) {
        canvas.grid.fill(rect, style: Style(.normal, reverse: true))
        let stale = cache.hasStaleReports
        let unreadable = live.unreadableRecords
        let marker = (unreadable > 0 ? " \(unreadable) unreadable record\(unreadable == 1 ? "" : "s") " : "")
            + (live.isReadOnly ? " read-only store " : "") + " as of \(programme.asOf.iso)  * illustrative "
            + (stale ? " ! stale >\(live.staleAfterDays)d " : "")
        let right = rect.maxX - TextWidth.of(marker)
        let left = Rect(x: rect.x, y: rect.y, width: max(0, right - rect.x - 1), height: 1)
        if state.isEditingFilter {
            let hints = KeyMap.hints(state).joined(separator: "  ")
            canvas.text(" Filter: \(state.buildingFilter)_   \(hints)", x: rect.x, y: rect.y,
                        style: Style(.focus, bold: true, reverse: true), clip: left)
        } else {
            let text = " " + KeyMap.hints(state, fitting: left.width - 1).joined(separator: "  ")
            canvas.text(text, x: rect.x, y: rect.y, style: Style(.normal, reverse: true), clip: left)
        }
        if right > rect.x {
            canvas.text(marker, x: right, y: rect.y, style: Style(.warning, bold: true, reverse: true), clip: rect)
        }
    }
}

extension Rect {
    /// The rectangle with `amount` columns taken off each side.
    func insetHorizontally(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y, width: width - 2 * amount, height: height)
    }
}
