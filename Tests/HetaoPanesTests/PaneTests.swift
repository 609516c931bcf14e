import HetaoBundled
import HetaoData
import HetaoDomain
import HetaoText
import HetaoViewModels
import TerminalKit
import Testing
@testable import HetaoPanes

/// Each pane alone, drawn into a small grid and read line by line: what a pane shows is tested
/// here, and the whole-screen snapshots check only the layout around it.
@Suite struct PaneTests {
    let programme = try! BundledDataset.load()
    var state: AppState { AppState(programme: programme) }
    var models: ViewModelCache { ViewModelCache(programme: programme) }

    private func draw(_ width: Int, _ height: Int, glyphs: GlyphSet = .unicode, _ paint: (inout Canvas, Rect) -> Void) -> [String] {
        var canvas = Canvas(grid: Grid(size: Size(width: width, height: height)), glyphs: glyphs)
        paint(&canvas, Rect(size: canvas.grid.size))
        return canvas.grid.lines
    }

    /// Sorted by number (▲), the cursor on the first; an illustrative figure is marked.
    @Test func buildingsListEachBuildingWithItsStatusAndProgress() {
        let model = models.buildings(state)
        let lines = draw(60, 5) { canvas, rect in
            BuildingsPane(model: model, selected: 0, focused: true, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            " No.▲    Status             Progress",
            "›8       completed          ███████████  100%",
            " 9       completed          ███████████  100%",
            " 11      completed          ███████████  100%",
            " Site A  under construction █████████▉·  90%*",
        ])
    }

    /// Top-level allocations, branches marked ▸ until opened.
    @Test func budgetListsTheTopLevelMoney() {
        let model = models.budget(state)
        let lines = draw(60, 6) { canvas, rect in
            BudgetPane(model: model, selected: 0, focused: true, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            " Allocation                           Amount Of parent",
            "›▸ Hetao Phase 1 development e…     HK$20 bn",
            "   Phase 1 infrastructure          HK$3.7 bn",
            "   Injection into the Hetao Ho…     HK$10 bn",
            " ▸ Life and health technology       HK$10 bn",
            "   Hong Kong Artificial Intell…      HK$1 bn",
        ])
    }

    /// The five major institutions marked 5, with their funding and status.
    @Test func institutionsShowFundingAndStatus() {
        let model = models.institutions(.english)
        let lines = draw(60, 4) { canvas, rect in
            InstitutionsPane(model: model, selected: 1, focused: true, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            " 5 Institution                Funding Status",
            " 5 Hong Kong Productivity…            operating; the automo…",
            "›5 Hong Kong Applied Scie…            operating; merger wit…",
            " 5 Hong Kong Microelectro… HK$2.84 bn operating",
        ])
    }

    /// Completion per phase and batch (illustrative inputs marked), then the milestones by date.
    @Test func phasesShowCompletionAndTheTimeline() {
        let lines = draw(60, 8) { canvas, rect in
            PhasesPane(model: models.phases(.english), selected: 3, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            "Phase 1 (west)   █▍············ 10.1%* by 2030  1,000,000 m²",
            "  Batch 1        ████████████▏· 86.6%*  3/8 built",
            "  Batches 2-3    ·············· 0%  22 sites",
            "Phase 2 (east)   ·············· 0% by 2035  1,000,000 m²",
            "",
            "Timeline                       2018                     2036",
            "2022-12 Hong Kong Innovation … ────────●     ┆",
            "2024-01-05 Development Bureau… ─────────●    ┆",
        ])
    }

    /// The park at a glance; more below is said on the last line.
    @Test func overviewAnswersAtAGlance() {
        let lines = draw(60, 8) { canvas, rect in
            _ = OverviewPane(model: models.overview(.english), scroll: 0, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            "Site area          87 ha / 87.7 ha",
            "Floor area         Phase 1 1,000,000 m²; both phases",
            "                   2,000,000 m²",
            "Phases             2, west to east; Phase 1 by 2030, Phase 2",
            "                   by 2035",
            "Buildings          3 complete, 5 under construction",
            "Complete           Phase 1 10.1%*, Phase 2 0%",
            "                                                      ↓ more",
        ])
    }

    /// The programme, its phase and batch, then each building: bars on a time axis, variance right.
    @Test func scheduleDrawsBarsAndVariance() {
        let model = models.schedule(.english)
        let lines = draw(70, 6) { canvas, rect in
            SchedulePane(model: model, zoom: .years, pan: 0, selected: 3, focused: true, texts: .english).draw(&canvas, in: rect)
        }
        #expect(lines == [
            "                  2021  2023    2025    2027    2029    2031",
            "Hetao Hong Kong … ██████████████████████████────────────────      0 d*",
            "Phase 1 (west)    ██████████████████████████───────────○          0 d*",
            "  Batch 1         ██████████████████████████                      0 d*",
            "    Building 8 (… █████████████▒●▒●   ┆                         +244 d",
            "    Building 9 (… █████████████▒●▒●   ┆                         +244 d",
        ])
    }
}
