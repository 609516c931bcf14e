import HetaoBundled
import Foundation
import HetaoData
import HetaoDomain
import HetaoViewModels
import TerminalKit
import TestSupport
import Testing
@testable import HetaoPanes
import HetaoText

private let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Snapshots").path

@Suite struct DashboardViewTests {
    let programme = try! BundledDataset.load()

    private func render(_ width: Int, _ height: Int, glyphs: GlyphSet = .unicode) -> Grid {
        render(AppState(programme: programme), width, height, glyphs: glyphs)
    }

    private func render(_ state: AppState, _ width: Int, _ height: Int, glyphs: GlyphSet = .unicode) -> Grid {
        DashboardView(glyphs: glyphs).render(state, size: Size(width: width, height: height))
    }

    private func state(_ actions: Action...) -> AppState {
        var state = AppState(programme: programme)
        let reducer = DashboardReducer()
        for action in actions { reducer.reduce(&state, action) }
        return state
    }

    @Test func wideLayoutShowsEveryPaneAtOnce() {
        let grid = render(120, 40)
        Snapshot.assert(grid, named: "wide-120x40", in: snapshots)
        let text = grid.lines.joined(separator: "\n")
        for title in ["1 Overview", "2 Phases", "3 Buildings", "4 Budget", "5 Institutions"] { #expect(text.contains(title)) }
    }

    @Test func compactLayoutShowsTheFocusedPaneUnderATabBar() {
        Snapshot.assert(render(80, 24), named: "overview-80x24", in: snapshots, statusBar: false)
        Snapshot.assert(render(state(.focus(.phases)), 80, 24), named: "phases-80x24", in: snapshots, statusBar: false)
        Snapshot.assert(render(state(.focus(.institutions)), 80, 24), named: "institutions-80x24", in: snapshots, statusBar: false)
        let grid = render(state(.focus(.buildings)), 80, 24)
        #expect(grid.lines[0].contains("[3 Buildings]"))
        #expect(!grid.lines.joined().contains("4 Budget:"))
    }

    @Test func buildingsSortedBySlipShowTheFurthestBehindFirst() {
        let grid = render(state(.focus(.buildings), .sort(by: .slip), .reverseSort), 80, 24)
        Snapshot.assert(grid, named: "buildings-by-slip-80x24", in: snapshots, statusBar: false)
        #expect(grid.lines[2].contains("Slip▼"))
        #expect(grid.lines[3].contains("Building 8"))
        #expect(grid.lines[3].contains("+244 d"))
        #expect(!grid.lines.joined().contains("+458"))
        // The selected row is marked and reversed across the table, not only coloured.
        #expect(grid.lines[3].hasPrefix("│›"))
        let slip = grid.lines[3].distance(from: grid.lines[3].startIndex, to: grid.lines[3].range(of: "+244")!.lowerBound)
        #expect([2, 5, slip, 78].allSatisfy { grid[$0, 3].style.reverse })
        #expect(!grid[40, 4].style.reverse)
    }

    /// `/` in the list of changes narrows it: the filter in the title and the status bar, the
    /// lines that hold it, and a line saying so when none does.
    @Test func theChangesListNarrowsToTheFilter() {
        func change(_ id: Int64, _ subject: String, by who: String) -> NetChange {
            let r = StatusRecord(id: id, kind: .progress, subject: subject, asOf: Day(iso: "2026-11-26")!,
                                 recordedAt: "2026-11-26T09:30:00.000Z", recordedBy: who, source: "site walk", percent: 61)
            return NetChange(before: nil, after: r, records: [r])
        }
        var s = state(.focus(.budget), .changesLoaded([change(12, "B1-A", by: "alice"), change(13, "B1-B", by: "bob")],
                                                      until: "2026-11-27T00:00:00.000Z"))
        s.lastVisit = "2026-11-25T18:00:00.000Z"
        let reducer = DashboardReducer()
        for action: Action in [.showChanges, .beginFilter, .typeInFilter("b"), .typeInFilter("o"), .typeInFilter("b")] {
            reducer.reduce(&s, action)
        }
        let text = render(s, 100, 30).lines.joined(separator: "\n")
        #expect(text.contains("/bob"))
        #expect(text.contains("Batch 1 site B") && !text.contains("Batch 1 site A"))
        #expect(render(s, 100, 30).lines.last?.hasPrefix(" Filter: bob_") == true)
        reducer.reduce(&s, .typeInFilter("x"))
        #expect(render(s, 100, 30).lines.joined().contains("Nothing here matches bobx"))
    }

    @Test func typingAFilterNarrowsTheTableAndShowsInTheStatusBar() {
        let grid = render(state(.focus(.buildings), .beginFilter, .typeInFilter("w"), .typeInFilter("e"), .typeInFilter("t")), 80, 24)
        Snapshot.assert(grid, named: "buildings-filter-80x24", in: snapshots)
        #expect(grid.lines[1].contains("3 Buildings ┃ 4 of 8, filter \"wet\""))
        #expect(grid.lines[23].contains("Filter: wet_"))
    }

    @Test func theBudgetTreeShowsSharesAndTheUnallocatedRemainder() {
        let grid = render(state(.focus(.budget), .moveSelection(by: 3), .expand, .moveSelection(by: 1), .expand), 80, 24)
        Snapshot.assert(grid, named: "budget-life-health-80x24", in: snapshots, statusBar: false)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("HK$1.8 bn unallocated"))
        #expect(text.contains("Cash flow 2028/29"))
    }

    @Test func detailAndHelpOverlays() {
        Snapshot.assert(render(state(.focus(.buildings), .moveSelection(by: 6), .openDetail), 80, 24),
                        named: "detail-site-d-80x24", in: snapshots)
        let help = render(state(.showHelp), 80, 40)
        Snapshot.assert(help, named: "help-80x40", in: snapshots)
        // Help lists every binding of the key map (on a screen tall enough for all of it).
        let text = render(state(.showHelp), 80, 200).lines.joined(separator: "\n")
        for binding in KeyMap.bindings {
            #expect(text.contains(Texts.english[binding.description]), "\(binding.description)")
        }
    }

    @Test func theRecordFormShowsItsFieldsTheCursorAndTheValidatorsWords() {
        let refused = state(.focus(.buildings), .moveSelection(by: 3), .openForm(.progress), .formEdit(.insert("5")),
                            .formMoveFocus(by: 3), .formEdit(.insert("a long note that is wider than the field is, so it scrolls to keep the cursor in view")),
                            .formSubmit,
                            .recordAnswered(.refused([.error(.source, .sourceRequired),
                                                      .warning(.percent, .belowLatest(5, latest: 45, asOf: Day(iso: "2026-11-20")!, record: 4))])))
        let grid = render(refused, 80, 24)
        Snapshot.assert(grid, named: "form-refused-80x24", in: snapshots)
        let text = grid.lines.joined(separator: "\n")
        #expect(text.contains("Record progress ┃ Batch 1 site A (B1-A)"))
        #expect(text.contains("error: a source is required"))
        #expect(grid.lines[23].contains("Enter save  Esc cancel"))
        // The focus went to the field in error; back on the note, the cursor is the reversed cell
        // after its last character, in view.
        #expect(grid.lines.contains { $0.contains("› Source") })
        var back = refused
        back.form?.moveFocus(by: 1)
        let noted = render(back, 80, 24)
        let noteRow = noted.lines.firstIndex { $0.contains("› Note") }!
        #expect(noted.lines[noteRow].contains("keep the cursor in view"))
        let cursor = noted.lines[noteRow].count - 1 - noted.lines[noteRow].reversed().firstIndex { $0 != " " && $0 != "│" }!
        #expect(noted[cursor + 1, noteRow].style.reverse)

        var confirming = refused
        confirming.form?.take(.refused([.warning(.percent, .belowLatest(5, latest: 45, asOf: Day(iso: "2026-11-20")!, record: 4))]))
        let warned = render(confirming, 80, 24, glyphs: .ascii)
        Snapshot.assert(warned, named: "form-confirm-ascii-80x24", in: snapshots)
        #expect(warned.lines.joined().contains("Warnings above. Enter again records it anyway"))
        #expect(warned.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func theBudgetShowsSPIAndCPIAndTheDetailTheWholeEarnedValue() throws {
        let budget = render(state(.focus(.budget), .expandAll), 100, 30)
        Snapshot.assert(budget, named: "budget-evm-100x30", in: snapshots, statusBar: false)
        let row = try #require(budget.lines.first { $0.contains("Batch 1 construc") })
        // Illustrative inputs (spend, the remaining five's progress) make the indices illustrative.
        #expect(row.hasSuffix(" 0.97*/1.20*│"))
        #expect(budget.lines.contains { $0.contains("SPI/CPI") })
        var detailState = state(.focus(.budget), .expandAll)
        let index = try #require(BudgetViewModel(programme: programme, state: detailState).rows.firstIndex { $0.id == "batch-1-construction" })
        let reducer = DashboardReducer()
        reducer.reduce(&detailState, .moveSelection(by: index))
        reducer.reduce(&detailState, .openDetail)
        let detail = render(detailState, 100, 60)
        let text = detail.lines.joined(separator: "\n")
        #expect(detail.lines.contains { $0.contains("BAC budget at completion HK$17,258 million ") })
        for label in ["Earned value on 2026-11-20", "PV planned value", "EV earned value",
                      "AC actual cost", "HK$12,400 million*", "SV schedule variance", "SPI schedule index", "CPI cost index",
                      "EAC = BAC ÷ CPI", "EAC = AC + (BAC − EV)", "ETC to complete", "VAC at completion"] {
            #expect(text.contains(label), "\(label)")
        }
        #expect(text.contains("Building 8 (wet laboratories), Building 9 (wet laboratories)"))
    }

    @Test func theScheduleShowsBaselineForecastTodayAndVarianceAtEveryZoom() throws {
        let schedule = render(state(.focus(.schedule), .moveSelection(by: 3)), 80, 24)
        Snapshot.assert(schedule, named: "schedule-80x24", in: snapshots, statusBar: false)
        let b8 = try #require(schedule.lines.first { $0.contains("Building 8") })
        // Built to Sep 2025 against a baseline of Dec 2024: the overrun is shaded, the variance at the end.
        #expect(b8.contains("▒") && b8.hasSuffix(" +244 d │"))
        #expect(schedule.lines[2].contains("2021") && schedule.lines[2].contains("2025"))
        #expect(schedule.lines.contains { $0.contains("┆") })
        Snapshot.assert(render(state(.focus(.schedule)), 120, 40), named: "schedule-120x40", in: snapshots, statusBar: false)
        let months = render(state(.focus(.schedule), .zoom(by: 2), .pan(by: -8)), 120, 40)
        Snapshot.assert(months, named: "schedule-months-120x40", in: snapshots, statusBar: false)
        #expect(months.lines[2].contains("2026-"))
        let ascii = render(state(.focus(.schedule)), 80, 24, glyphs: .ascii)
        Snapshot.assert(ascii, named: "schedule-ascii-80x24", in: snapshots, statusBar: false)
        #expect(ascii.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) })
    }

    @Test func aBatchsDetailDrawsItsCombinedCurve() throws {
        // Without a store the loop answers at once with no reports: the dataset's figures stand in.
        let detail = render(state(.focus(.schedule), .moveSelection(by: 2), .openDetail,
                                  .progressLoaded(subject: "batch:p1-batch-1", knownOn: nil, progress: .reports([]))), 80, 24)
        Snapshot.assert(detail, named: "batch-s-curve-80x24", in: snapshots, statusBar: false)
        let text = detail.lines.joined(separator: "\n")
        for label in ["Completion (floor area)", "listed", "with a plan", "Planned span", "Planned ", "Reported ", "by 2026-11-20",
                      "Planned (S-curve) against reported", "100%", "planned*", "reported*"] {
            #expect(text.contains(label), "\(label)")
        }
        #expect(detail.cells.contains { $0.character.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) } })
        let ascii = render(state(.focus(.schedule), .openDetail, .progressLoaded(subject: "programme", knownOn: nil, progress: .reports([]))), 120, 40,
                           glyphs: .ascii)
        Snapshot.assert(ascii, named: "programme-s-curve-ascii-120x40", in: snapshots, statusBar: false)
        #expect(ascii.lines.joined().contains("Planned (S-curve) against reported"))
    }

    @Test func aBuildingsDetailDrawsPlannedAgainstReportedProgress() throws {
        var detail = state(.focus(.buildings), .moveSelection(by: 3), .openDetail)
        detail.history.records = [
            StatusRecord(id: 20, kind: .progress, subject: "B1-A", asOf: Day(iso: "2025-06-30")!, source: "r", percent: 20),
            StatusRecord(id: 21, kind: .progress, subject: "B1-A", asOf: Day(iso: "2026-06-30")!, source: "r", percent: 45),
        ]
        let grid = render(detail, 100, 80)
        let heading = try #require(grid.lines.firstIndex { $0.contains("Planned (S-curve) against reported") })
        #expect(grid.lines[heading + 1].contains("100%") && grid.lines[heading + 8].contains("0%"))
        #expect(grid.lines[heading + 9].contains("2025-01-01"))
        #expect(grid.lines[heading + 10].contains("⠂⠂ planned*") && grid.lines[heading + 10].contains("⠒⠒ reported*"))
        // The reports are drawn in the accent colour, the plan muted: both in the chart's rows.
        let chartCells = (heading + 1...heading + 8).flatMap { y in (0..<100).map { grid[$0, y] } }
            .filter { $0.character.unicodeScalars.first.map { (0x2800...0x28FF).contains($0.value) } == true }
        #expect(chartCells.contains { $0.style.role == .accent } && chartCells.contains { $0.style.role == .muted })
        let ascii = render(detail, 100, 80, glyphs: .ascii)
        #expect(ascii.lines.contains { $0.contains(". planned*") && $0.contains("* reported*") })
    }

    @Test func nonUTF8AndASCIIGlyphsWriteOnlyASCIIAndLineDrawing() {
        let ascii = render(state(.focus(.buildings)), 80, 24, glyphs: .ascii)
        Snapshot.assert(ascii, named: "buildings-ascii-80x24", in: snapshots, statusBar: false)
        #expect(ascii.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy(\.isASCII) })
        let lineDrawing = render(state(.focus(.phases)), 80, 24, glyphs: .lineDrawing)
        Snapshot.assert(lineDrawing, named: "phases-line-drawing-80x24", in: snapshots, statusBar: false)
        #expect(lineDrawing.cells.allSatisfy { cell in
            cell.character.unicodeScalars.allSatisfy { $0.isASCII || (0x2500...0x257F).contains($0.value) }
        })
    }

    @Test func smallTerminalsGetAClearMessage() {
        Snapshot.assert(render(39, 12), named: "too-small-39x12", in: snapshots)
        #expect(render(39, 12).lines.joined(separator: " ").contains("needs 40x12"))
        Snapshot.assert(render(40, 12), named: "minimum-40x12", in: snapshots)
        #expect(render(1, 1).lines == ["H"])
    }

    @Test func everySizeFromOneByOneRendersWithoutFailing() {
        let states = [AppState(programme: programme), state(.focus(.buildings), .openDetail), state(.focus(.budget), .expandAll), state(.showHelp),
                      state(.focus(.phases), .selectLast)]
        for width in stride(from: 0, through: 160, by: 7) {
            for height in stride(from: 0, through: 50, by: 3) {
                for s in states {
                    let grid = render(s, width, height)
                    #expect(grid.size == Size(width: width, height: height))
                }
            }
        }
    }
}
