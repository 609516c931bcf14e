import HetaoBundled
import Foundation
import HetaoData
import HetaoText
import HetaoViewModels
import TerminalKit
import TestSupport
import Testing
@testable import HetaoPanes

private let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Snapshots").path

/// Every pane in Traditional Chinese, at the sizes people use: what a Hong Kong reader sees.
@Suite struct ChineseViewTests {
    let programme = try! BundledDataset.load()

    private func render(_ actions: [Action], _ width: Int, _ height: Int, glyphs: GlyphSet = .unicode) -> Grid {
        var state = AppState(programme: programme, language: .traditionalChinese)
        let reducer = DashboardReducer()
        for action in actions { reducer.reduce(&state, action) }
        return DashboardView(glyphs: glyphs).render(state, size: Size(width: width, height: height))
    }

    static let panes: [(String, [Action])] = [
        ("overview", []), ("phases", [.focus(.phases)]), ("buildings", [.focus(.buildings)]),
        ("budget", [.focus(.budget), .expandAll]), ("institutions", [.focus(.institutions)]),
        ("detail", [.focus(.buildings), .openDetail]), ("help", [.showHelp]), ("schedule", [.focus(.schedule)]),
        ("form", [.focus(.buildings), .openForm(.progress), .formEdit(.insert("61")), .formMoveFocus(by: 3),
                  .formEdit(.insert("工地巡察：天台已完成，外牆進行中")), .formEdit(.left), .formEdit(.left)]),
    ]

    @Test(arguments: panes)
    func everyPaneIn80x24(name: String, actions: [Action]) {
        let grid = render(actions, 80, 24)
        Snapshot.assert(grid, named: "zh-\(name)-80x24", in: snapshots, statusBar: false)
        #expect(grid.lines.last?.contains("截至 2026年11月20日") == true, "\(name)")
    }

    @Test(arguments: panes)
    func everyPaneIn120x40(name: String, actions: [Action]) {
        Snapshot.assert(render(actions, 120, 40), named: "zh-\(name)-120x40", in: snapshots, statusBar: false)
    }

    @Test func readsInChineseFromTheTabBarToTheFigures() {
        let text = render([], 120, 40).lines.joined(separator: "\n")
        for phrase in ["概覽", "分期", "大樓", "預算", "機構", "3 座已落成，5 座興建中", "已落成", "2025年9月",
                       "+244 日", "* 示意", "181.35億"] {
            #expect(text.contains(phrase), "\(phrase)")
        }
        let parks = render([.moveSelection(by: 12)], 80, 24).lines.joined(separator: "\n")
        for phrase in ["河套深港科技創新合作區香港園區", "南面為香港的新田科技城", "香港科學園", "數碼港"] {
            #expect(parks.contains(phrase), "\(phrase)")
        }
        for english in ["Overview", "Buildings", "completed", "under construction", "HK$", "as of"] {
            #expect(!text.contains(english), "\(english)")
        }
    }

    @Test func wideCharactersKeepColumnsAlignedAndAreNeverCutInHalf() {
        for (width, height) in [(40, 12), (80, 24), (100, 30), (120, 40)] {
            for (_, actions) in Self.panes {
                let grid = render(actions, width, height)
                for y in 0..<height {
                    // A wide character is followed by its continuation cell, always.
                    for x in 0..<width where TextWidth.of(grid[x, y].character) == 2 {
                        #expect(x + 1 < width && grid[x + 1, y].isContinuation, "\(width)x\(height) \(actions) at \(x),\(y)")
                    }
                    // Lines within a box end on its border, in the last column.
                    let line = grid.lines[y]
                    #expect(TextWidth.of(line) <= width && (!line.hasSuffix("│") || TextWidth.of(line) == width),
                            "\(width)x\(height) line \(y)")
                }
            }
        }
    }

    @Test func aTerminalThatCannotShowChineseGetsEnglishAndSaysWhy() {
        let state = AppState(programme: programme, language: .traditionalChinese, canShowChinese: false)
        #expect(state.language == .english && state.notice == Notice(.languageNeedsUnicode))
        let grid = DashboardView(glyphs: .lineDrawing).render(state, size: Size(width: 80, height: 24))
        #expect(grid.lines.last?.contains("Chinese needs a UTF-8 terminal") == true)
        #expect(grid.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy { $0.isASCII || (0x2500...0x257F).contains($0.value) } })
    }
}
