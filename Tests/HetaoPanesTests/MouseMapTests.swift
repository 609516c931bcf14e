import HetaoBundled
import HetaoData
import HetaoDomain
import HetaoViewModels
import TerminalKit
import Testing
@testable import HetaoPanes

/// Clicks and the wheel, through the hits a real frame drew: each is the action a key would be.
@Suite struct MouseMapTests {
    let programme = try! BundledDataset.load()

    /// The frame for `state` at `width`×`height`, and the cell where `text` starts on it.
    private func frame(_ state: AppState, _ width: Int = 120, _ height: Int = 40) -> (lines: [String], hits: [Hit]) {
        let frame = DashboardView(glyphs: .unicode).frame(state, size: Size(width: width, height: height))
        return (frame.grid.lines, frame.hits)
    }

    private func cell(of text: String, in lines: [String]) throws -> (x: Int, y: Int) {
        let y = try #require(lines.firstIndex { $0.contains(text) }, "\(text)")
        let prefix = lines[y][..<lines[y].range(of: text)!.lowerBound]
        return (TextWidth.of(String(prefix)), y)
    }

    private func actions(_ kind: MouseEvent.Kind, at cell: (x: Int, y: Int), _ hits: [Hit], _ state: AppState,
                         pressed: [Action] = []) -> [Action] {
        MouseMap.actions(for: MouseEvent(kind, x: cell.x, y: cell.y), in: hits, state: state, pressed: pressed)
    }

    @Test func aClickOnATabFocusesItsPane() throws {
        let state = AppState(programme: programme)
        let (lines, hits) = frame(state)
        #expect(actions(.press, at: try cell(of: "4 Budget", in: lines), hits, state) == [.focus(.budget)])
    }

    @Test func aClickOnAHeaderSortsAndOnARowSelectsIt() throws {
        var state = AppState(programme: programme)
        state.focus = .buildings
        let (lines, hits) = frame(state)
        #expect(actions(.press, at: try cell(of: "Slip", in: lines), hits, state) == [.focus(.buildings), .sort(by: .slip)])
        let siteC = try cell(of: "Site C", in: lines)
        #expect(actions(.press, at: siteC, hits, state) == [.focus(.buildings), .selectRow(5)])
        // A double click opens what its first press selected; one whose first press did something
        // else (it closed the sort chooser that was there) does nothing.
        let first = actions(.press, at: siteC, hits, state)
        #expect(actions(.doublePress, at: siteC, hits, state, pressed: first) == [.focus(.buildings), .selectRow(5), .openDetail])
        #expect(actions(.doublePress, at: siteC, hits, state, pressed: [.selectRow(5), .pickSort]) == [])
        // While a filter is typed, the mouse leaves it be.
        var typing = state
        typing.isEditingFilter = true
        #expect(actions(.press, at: try cell(of: "4 Budget", in: lines), hits, typing) == [])
    }

    @Test func theWheelMovesTheListUnderThePointer() throws {
        let state = AppState(programme: programme)
        let (lines, hits) = frame(state)
        // Over the Budget pane (not focused): focus it, then move.
        let budget = try cell(of: "Phase 1 infrastructure", in: lines)
        #expect(actions(.wheelDown, at: budget, hits, state) == [.focus(.budget), .moveSelection(by: 3)])
        #expect(actions(.wheelUp, at: try cell(of: "Site area", in: lines), hits, state) == [.moveSelection(by: -3)])
    }

    @Test func anOverlayTakesTheWheelAndNothingUnderItIsClicked() throws {
        var state = AppState(programme: programme)
        state.overlays = [.building(id: "B8")]
        let (lines, hits) = frame(state, 80, 24)
        let inside = try cell(of: "Floor area", in: lines)
        #expect(actions(.press, at: inside, hits, state) == [])
        #expect(actions(.wheelDown, at: inside, hits, state) == [.moveSelection(by: 3)])
        // The tabs stay live: a click there leaves the detail for that pane.
        #expect(actions(.press, at: try cell(of: "5 Institutions", in: lines), hits, state) == [.focus(.institutions)])
    }
}
