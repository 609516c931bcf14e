import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit

/// Draws the whole dashboard for a state onto a grid of the terminal's size.
///
/// Layouts: at 120×32 and larger every pane shows at once; from 40×12 one focused pane under a
/// tab bar; smaller, a message naming the size needed. Any size down to 1×1 draws without
/// failing.
public struct DashboardView {
    public static let minimumSize = Size(width: 40, height: 12)

    /// The view models of the state's programme, shared with the reducer.
    public let models: ViewModelMemo
    public let glyphs: GlyphSet

    public init(models: ViewModelMemo = ViewModelMemo(), glyphs: GlyphSet) {
        self.models = models
        self.glyphs = glyphs
    }

    public func render(_ state: AppState, size: Size) -> Grid {
        frame(state, size: size).grid
    }

    /// The grid, what it measured of the scrolling views for the state to clamp to, and where a
    /// mouse can act on it.
    public func frame(_ state: AppState, size: Size) -> (grid: Grid, limits: ScrollLimits, hits: [Hit]) {
        var screen = Screen(cache: models(state), glyphs: glyphs)
        screen.limits.buildingColumns = state.scrollLimits.buildingColumns
        let grid = screen.draw(state, size: size)
        return (grid, screen.limits, screen.hits)
    }
}

/// One frame's drawing: the state's view models and the glyphs.
private struct Screen {
    let cache: ViewModelCache
    let glyphs: GlyphSet
    /// The programme shown: the memo's cache is of the state's.
    var programme: Programme { cache.programme }
    /// What the frame measured, and where a mouse can act on it (topmost last).
    var limits = ScrollLimits(overlay: 0, overview: 0)
    var hits: [Hit] = []

    init(cache: ViewModelCache, glyphs: GlyphSet) {
        self.cache = cache
        self.glyphs = glyphs
    }

    mutating func draw(_ state: AppState, size: Size) -> Grid {
        let live = state.live
        // Chinese only where the glyphs can show it; the state never asks for it otherwise.
        let t = Texts(glyphs.showsNonASCII ? state.language : .english)
        var canvas = Canvas(grid: Grid(size: size), glyphs: glyphs)
        let screen = Rect(size: size)
        guard size.width >= DashboardView.minimumSize.width, size.height >= DashboardView.minimumSize.height else {
            drawTooSmall(&canvas, in: screen, texts: t)
            return canvas.grid
        }
        let (top, rest) = screen.splitTop(1)
        let (content, bottom) = rest.splitBottom(1)
        let wide = Viewport(width: size.width, height: size.height).isWide
        drawTabBar(&canvas, in: top, focus: wide && state.focus != .schedule ? nil : state.focus, texts: t)
        drawStatusBar(&canvas, in: bottom, state: state, live: live, texts: t)
        if wide && state.focus != .schedule {
            drawWide(&canvas, in: content, state: state, live: live, texts: t)
        } else {
            drawPane(state.focus, &canvas, in: content, state: state, focused: true, live: live, texts: t)
        }
        // An overlay or the form covers the panes: the wheel scrolls it, clicks reach nothing under it.
        // A click beside the sort chooser closes it.
        if state.overlay != nil || state.form != nil {
            hits.append(Hit(content, click: state.overlay == .sortChooser ? [.closeOverlay] : [], wheel: state.form == nil ? .overlay : nil))
        }
        switch state.overlay {
        case .none: break
        case .help: limits.overlay = HelpOverlay(scroll: state.overlayScroll, texts: t).draw(&canvas, in: content)
        case .sortChooser:
            let drawn = canvas.regions.count
            SortChooser(columns: limits.buildingColumns, sort: state.buildingSort, ascending: state.buildingSortAscending,
                        selected: state.selectedSortChoice, texts: t).draw(&canvas, in: content)
            for (area, region) in canvas.regions[drawn...] {
                if case .row(let index) = region { hits.append(Hit(area, click: [.selectRow(index), .pickSort])) }
            }
        case .changes:
            limits.overlay = ChangesOverlay(state: state, texts: t).draw(&canvas, in: content)
        case .some:
            if let model = cache.detail(state, language: t.language) {
                limits.overlay = DetailOverlay(model: model, scroll: state.overlayScroll, texts: t).draw(&canvas, in: content)
            }
        }
        if let form = state.form { RecordFormView(form: form, programme: programme, texts: t).draw(&canvas, in: content) }
        return canvas.grid
    }

    private func drawTooSmall(_ canvas: inout Canvas, in rect: Rect, texts t: Texts) {
        let need = "\(DashboardView.minimumSize.width)x\(DashboardView.minimumSize.height)"
        let message = t(.tooSmall, need, "\(rect.width)x\(rect.height)")
        let lines = TextWidth.wrap(message, to: rect.width)
        let top = max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.prefix(rect.height).enumerated() {
            canvas.text(line, x: max(0, (rect.width - TextWidth.of(line)) / 2), y: top + i, style: Style(.warning, bold: true),
                        clip: rect)
        }
    }

    /// Overview and phases on top, buildings across the middle, budget and institutions below.
    private mutating func drawWide(_ canvas: inout Canvas, in rect: Rect, state: AppState, live: LiveContext, texts t: Texts) {
        let topHeight = max(rect.height * 2 / 5, min(18, rect.height - 20))
        let middleHeight = max(programme.buildings.count + 3, rect.height * 3 / 10)
        let (upper, lower) = rect.splitTop(topHeight)
        let (middle, bottom) = lower.splitTop(min(middleHeight, lower.height - 8))
        let (overview, phases) = upper.splitLeft(upper.width / 2)
        let (budget, institutions) = bottom.splitLeft(bottom.width * 3 / 5)
        drawPane(.overview, &canvas, in: overview, state: state, focused: state.focus == .overview, live: live, texts: t)
        drawPane(.phases, &canvas, in: phases, state: state, focused: state.focus == .phases, live: live, texts: t)
        drawPane(.buildings, &canvas, in: middle, state: state, focused: state.focus == .buildings, live: live, texts: t)
        drawPane(.budget, &canvas, in: budget, state: state, focused: state.focus == .budget, live: live, texts: t)
        drawPane(.institutions, &canvas, in: institutions, state: state, focused: state.focus == .institutions, live: live, texts: t)
    }

    private mutating func drawPane(_ pane: Pane, _ canvas: inout Canvas, in rect: Rect, state: AppState, focused: Bool,
                          live: LiveContext, texts t: Texts) {
        let title = "\(pane.rawValue) \(t[pane.title])"
        let language = t.language
        let drawn = canvas.regions.count
        defer { addHits(for: pane, in: rect, regions: canvas.regions[drawn...], texts: t) }
        switch pane {
        case .overview:
            let model = cache.overview(language)
            let inner = canvas.box(rect, title: title, detail: model.parkName, focused: focused)
            limits.overview = OverviewPane(model: model, scroll: state.overviewScroll, texts: t)
                .draw(&canvas, in: inner.insetHorizontally(1))
        case .phases:
            let inner = canvas.box(rect, title: title, detail: searched(t[.phasesDetail], pane, state), focused: focused)
            PhasesPane(model: cache.phases(language), selected: state.selectedMilestone, texts: t)
                .draw(&canvas, in: inner.insetHorizontally(1))
        case .buildings:
            let model = cache.buildings(state)
            let pane = BuildingsPane(model: model, selected: model.index(of: state.selectedBuildingID), focused: focused, texts: t,
                                     changed: state.changedSubjects)
            let inner = canvas.box(rect, title: title, detail: pane.detail, focused: focused)
            limits.buildingColumns = pane.draw(&canvas, in: inner)
        case .budget:
            let inner = canvas.box(rect, title: title, detail: searched(t[.budgetDetail], pane, state), focused: focused)
            let model = cache.budget(state)
            BudgetPane(model: model, selected: model.index(of: state.selectedAllocationID), focused: focused, texts: t)
                .draw(&canvas, in: inner)
        case .schedule:
            let model = cache.schedule(language)
            let inner = canvas.box(rect, title: title, detail: searched(t[.scheduleDetail], pane, state), focused: focused)
            SchedulePane(model: model, zoom: state.scheduleZoom, pan: state.schedulePan,
                         selected: model.index(of: state.selectedScheduleRowID), focused: focused, texts: t)
                .draw(&canvas, in: inner.insetHorizontally(1))
        case .institutions:
            let inner = canvas.box(rect, title: title, detail: searched(t[.institutionsDetail], pane, state), focused: focused)
            let model = cache.institutions(language)
            InstitutionsPane(model: model, selected: model.index(of: state.selectedInstitutionID), focused: focused,
                             texts: t).draw(&canvas, in: inner)
        }
    }

    /// A pane's title detail, with its search when it has one (`/wet`).
    private func searched(_ detail: String, _ pane: Pane, _ state: AppState) -> String {
        guard let search = state.searches[pane], !search.isEmpty else { return detail }
        return "/" + search
    }

    /// A click on a pane focuses it; on a row, selects the row (a double click opens it); on a
    /// Buildings header, sorts by that column. The wheel moves the pane's list.
    private mutating func addHits(for pane: Pane, in rect: Rect, regions: ArraySlice<(rect: Rect, region: Region)>, texts t: Texts) {
        hits.append(Hit(rect, click: [.focus(pane)], wheel: .pane(pane)))
        for (area, region) in regions {
            switch region {
            case .row(let index):
                hits.append(Hit(area, click: [.focus(pane), .selectRow(index)], opens: true, wheel: .pane(pane)))
            case .header(let index):
                guard pane == .buildings else { continue }
                let column = BuildingsPane.columns(showsChinese: glyphs.showsNonASCII, texts: t)[index].0
                hits.append(Hit(area, click: [.focus(pane), .sort(by: column)], wheel: .pane(pane)))
            }
        }
    }

    /// Pane tabs, `focus` bracketed and not reversed; the programme's title on the right. With
    /// every pane on screen `focus` is nil: the focused pane's own title is marked, and the bar is
    /// a legend of the pane keys that a focus change does not rewrite.
    private mutating func drawTabBar(_ canvas: inout Canvas, in rect: Rect, focus: Pane?, texts t: Texts) {
        canvas.grid.fill(rect, style: Style(.normal, reverse: true))
        var x = rect.x
        x += canvas.text(" \(t[.appName]) ", x: x, y: rect.y, style: Style(.accent, bold: true, reverse: true), clip: rect)
        for pane in Pane.allCases {
            let focused = pane == focus
            let label = focused ? "[\(pane.rawValue) \(t[pane.title])]" : " \(pane.rawValue) \(t[pane.title]) "
            let width = canvas.text(label, x: x, y: rect.y, style: focused ? Style(.focus, bold: true) : Style(.normal, reverse: true),
                                    clip: rect)
            hits.append(Hit(Rect(x: x, y: rect.y, width: width, height: 1), click: [.focus(pane)]))
            x += width
        }
        let title = " " + glyphs.text(t.name(programme.title, chinese: programme.titleZH)) + " "
        if rect.maxX - TextWidth.of(title) > x + 1 {
            canvas.text(title, x: rect.maxX - TextWidth.of(title), y: rect.y, style: Style(.normal, reverse: true), clip: rect)
        }
    }

    /// `:` and what is typed, the cursor shown as a reversed cell; the error in place, else the
    /// line's keys.
    private func drawCommandLine(_ canvas: inout Canvas, _ line: CommandPrompt, in rect: Rect, state: AppState, texts t: Texts) {
        let text = ":" + line.text.text
        var x = rect.x + canvas.text(text, x: rect.x, y: rect.y, style: Style(.focus, bold: true), clip: rect)
        let cursorX = rect.x + 1 + TextWidth.of(String(line.text.characters.prefix(line.text.cursor)))
        let under = line.text.cursor < line.text.characters.count ? String(line.text.characters[line.text.cursor]) : " "
        x = max(x, cursorX + TextWidth.of(under))
        canvas.text(under, x: cursorX, y: rect.y, style: Style(.focus, bold: true, reverse: true), clip: rect)
        let after = line.error.map { "  " + t.format($0.phrase, $0.arguments) }
            ?? (line.choices.isEmpty ? "   " + KeyMap.hints(state, texts: t).joined(separator: "  ") : "   " + line.choices.joined(separator: " "))
        canvas.text(after, x: x, y: rect.y, style: line.error == nil ? .muted : Style(.warning, bold: true), clip: rect)
    }

    /// Key hints from the key map, or the filter being typed; on the right, the as-of date and
    /// the legend of the illustrative marker. A notice takes the whole bar until the next key.
    private func drawStatusBar(_ canvas: inout Canvas, in rect: Rect, state: AppState, live: LiveContext, texts t: Texts) {
        canvas.grid.fill(rect, style: Style(.normal, reverse: true))
        let stale = cache.hasStaleReports
        let unreadable = live.unreadableRecords
        let role = live.sessionRole.map { t[["recorder": .roleRecorder, "admin": .roleAdmin][$0] ?? .roleViewer] }
        // In the order shown, each with how much it matters: on a narrow screen the least goes
        // first, so an outage or the past shown is never pushed off by the legends.
        let parts: [(rank: Int, text: String?)] = [
            (3, live.sessionUser.map { t(.sessionAs, role ?? "", $0) }),
            (4, unreadable > 0 ? t(unreadable == 1 ? .unreadableRecordOne : .unreadableRecordMany, unreadable) : nil),
            (1, live.isReadOnly ? t[.readOnlyStore] : nil),
            (0, live.outage.map { t(.storeUnreachable, LocalTime.clock(of: $0.since), LocalTime.clock(of: $0.figuresAsOf)) }),
            (state.knownOn == nil ? 5 : 2, state.knownOn.map { t(.knownOnBanner, t.day($0)) } ?? t(.asOf, t.day(programme.dataAsOf))),
            (6, t[.illustrativeLegend]),
            (7, stale ? t(.staleLegend, live.staleAfterDays) : nil),
        ]
        var shown = parts.compactMap { part in part.text.map { (part.rank, " \($0) ") } }
        // What does not fit goes, the least first, until there is room for the keys to quit and
        // for help.
        if TextWidth.of(shown.map(\.1).joined()) >= rect.width {
            while shown.count > 1, TextWidth.of(shown.map(\.1).joined()) > rect.width - 16,
                  let least = shown.indices.max(by: { shown[$0].0 < shown[$1].0 }) {
                shown.remove(at: least)
            }
        }
        let marker = shown.map(\.1).joined()
        let right = rect.maxX - TextWidth.of(marker)
        let left = Rect(x: rect.x, y: rect.y, width: max(0, right - rect.x - 1), height: 1)
        if let line = state.commandLine {
            drawCommandLine(&canvas, line, in: rect, state: state, texts: t)
            return
        }
        if let notice = state.notice {
            // A notice lasts until the next key and takes the whole bar, so it is read in full.
            canvas.text(" " + t.format(notice.phrase, notice.arguments), x: rect.x, y: rect.y,
                        style: Style(.warning, bold: true, reverse: true), clip: rect)
            return
        } else if state.isEditingFilter {
            let hints = KeyMap.hints(state, texts: t).joined(separator: "  ")
            let prompt = t[state.overlayHasFilter || state.focus == .buildings ? .filterPrompt : .searchPrompt]
            canvas.text(" \(prompt)\(state.filterText)_   \(hints)", x: rect.x, y: rect.y,
                        style: Style(.focus, bold: true, reverse: true), clip: left)
        } else {
            let text = " " + KeyMap.hints(state, fitting: left.width - 1, texts: t).joined(separator: "  ")
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
