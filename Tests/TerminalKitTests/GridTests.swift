import Testing
import TestSupport
@testable import TerminalKit

@Suite struct GridTests {
    @Test func wideCharactersTakeTwoCellsAndAlignColumns() {
        var grid = Grid(size: Size(width: 12, height: 2))
        #expect(grid.put("8座 濕", x: 0, y: 0) == 6)
        grid.put("abc", x: 0, y: 1)
        #expect(grid.lines == ["8座 濕", "abc"])
        #expect(grid[2, 0].isContinuation)
        #expect(grid[1, 0].character == "座")
    }

    @Test func aWideCharacterThatWouldStraddleTheEdgeBecomesASpace() {
        var grid = Grid(size: Size(width: 3, height: 1))
        grid.put("a中文", x: 0, y: 0)
        #expect(grid.lines == ["a中"])
        var clipped = Grid(size: Size(width: 5, height: 1))
        clipped.put("ab中", x: 0, y: 0, clip: Rect(x: 0, y: 0, width: 3, height: 1))
        #expect(clipped.lines == ["ab"])
        #expect(!clipped[3, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterLeavesNoHalfGlyph() {
        var grid = Grid(size: Size(width: 4, height: 1))
        grid.put("中文", x: 0, y: 0)
        grid.put("x", x: 1, y: 0)
        #expect(grid.lines == [" x文"])
    }

    @Test func controlCharactersFromDataAreStripped() {
        var grid = Grid(size: Size(width: 20, height: 1))
        grid.put("Bad\u{1B}[2Jname\u{07}\u{202E}x", x: 0, y: 0)
        #expect(grid.lines == ["Bad[2Jnamex"])
        #expect(TextSanitizer.clean("a\tb\nc\u{9B}d") == "a b↵cd")
    }

    @Test func zeroWidthCharactersAndLineSeparatorsAreStrippedOrMarked() {
        #expect(TextSanitizer.clean("a\u{200B}b\u{200D}\u{200F}c\u{FEFF}d") == "abcd")
        #expect(TextSanitizer.clean("one\u{2028}two\u{2029}three\r\nfour") == "one↵two↵three↵four")
        #expect(GlyphSet.ascii.text(TextSanitizer.clean("a\nb")) == "a|b")
    }

    @Test func writingOutsideTheGridIsHarmless() {
        var grid = Grid(size: Size(width: 1, height: 1))
        grid.put("hello", x: -3, y: 0)
        grid.put("x", x: 5, y: 5)
        grid.fill(Rect(x: -2, y: -2, width: 10, height: 10), with: "#")
        #expect(grid.lines == ["#"])
        var empty = Grid(size: Size(width: 0, height: 0))
        empty.put("x", x: 0, y: 0)
        #expect(empty.lines == [])
    }
}

@Suite struct TextWidthTests {
    @Test func measuresAndCutsByDisplayCells() {
        #expect(TextWidth.of("濕實驗室") == 8)
        #expect(TextWidth.of("m²") == 2)
        #expect(TextWidth.truncate("Building 8 (wet)", to: 10) == "Building …")
        #expect(TextWidth.truncate("濕實驗室", to: 5) == "濕實…")
        #expect(TextWidth.pad("45%", to: 5, alignRight: true) == "  45%")
    }

    @Test func wrapsAtWordsAndCutsLongWords() {
        #expect(TextWidth.wrap("research and pilot transformation", to: 12) == ["research and", "pilot", "transformati", "on"])
        #expect(TextWidth.wrap("", to: 5) == [""])
    }

    /// Reports pasted into an email: no word broken across lines. Chinese breaks between
    /// characters, an address after its slashes, dates never; only a word wider than the whole
    /// line is cut, and a character wider than the line still moves on.
    @Test func wrapsChineseBetweenCharactersAndAddressesAtTheirSlashes() {
        #expect(TextWidth.wrap("河套香港園區第一期", to: 8) == ["河套香港", "園區第一", "期"])
        #expect(TextWidth.wrap("Phase 1 河套香港園區", to: 12) == ["Phase 1 河套", "香港園區"])
        let url = TextWidth.wrap("see https://www.legco.gov.hk/yr2025/english/papers.pdf", to: 24)
        #expect(url == ["see", "https://", "www.legco.gov.hk/yr2025/", "english/papers.pdf"])
        #expect(TextWidth.wrap("HK$18,135,000,000 2026-11-20 to 2027-03-31", to: 12)
                == ["HK$18,135,00", "0,000", "2026-11-20", "to", "2027-03-31"])
        #expect(TextWidth.unbreakable("港幣181.35億 2026-11-20 legco-lcq2-2025") == 15)
        #expect(TextWidth.unbreakable("https://a.hk/bb/cccc") == 8)
        #expect(TextWidth.wrap("a 河套", to: 1) == ["a", "河", "套"])
    }
}

@Suite struct WidgetTests {
    @Test func barsFillInEighthsWithUnicodeAndWholeCellsWithASCII() {
        let unicode = GlyphSet.unicode
        #expect(unicode.bar(0.5, width: 4) == "██··")
        #expect(unicode.bar(0.0625, width: 4) == "▎···")
        #expect(unicode.bar(1.5, width: 3) == "███")
        #expect(unicode.bar(.nan, width: 2) == "··")
        let ascii = GlyphSet.ascii
        #expect(ascii.bar(0.627, width: 10) == "######....")
    }

    @Test func focusedBoxesHaveAMarkedReversedTitle() {
        var canvas = Canvas(grid: Grid(size: Size(width: 14, height: 3)), glyphs: .unicode)
        canvas.box(Rect(x: 0, y: 0, width: 14, height: 3), title: "Pane", focused: true)
        #expect(canvas.grid.lines == ["┌┃ Pane ┃────┐", "│            │", "└────────────┘"])
        #expect(canvas.grid[3, 0].style.reverse)
        var plain = Canvas(grid: Grid(size: Size(width: 14, height: 3)), glyphs: .ascii)
        plain.box(Rect(x: 0, y: 0, width: 14, height: 3), title: "Pane", focused: false)
        #expect(plain.grid.lines == ["+  Pane  ----+", "|            |", "+------------+"])
        #expect(!plain.grid[3, 0].style.reverse)
    }

    @Test func asciiGlyphsReplaceWhatASCIICannotShow() {
        #expect(GlyphSet.ascii.text("1,000,000 m² → 2035 ↑↓ 中") == "1,000,000 m2 > 2035 ^v ?")
        #expect(GlyphSet.lineDrawing.text("──★") == "──?")
        #expect(GlyphSet.ascii.text("─█▒┆●○") == "-#=|#o")
        #expect(GlyphSet.unicode.text("中") == "中")
    }

    @Test func tableLayoutDropsTheLeastImportantColumnsFirstAndSharesSpareWidth() {
        let columns = [
            TableColumn("A", width: 5, priority: 0),
            TableColumn("B", width: 10, flexible: true, priority: 1),
            TableColumn("C", width: 8, priority: 2),
        ]
        #expect(TableLayout.place(columns, in: 30).map(\.width) == [5, 15, 8])
        #expect(TableLayout.place(columns, in: 20).map(\.index) == [0, 1])
        #expect(TableLayout.place(columns, in: 3).map(\.index) == [0])
        #expect(TableLayout.scrollOffset(selected: 9, visible: 4, count: 10) == 6)
        #expect(TableLayout.scrollOffset(selected: 1, visible: 4, count: 10) == 0)
        // Within a page the window stands still: a move rewrites two rows, not the list.
        #expect((4...7).map { TableLayout.scrollOffset(selected: $0, visible: 4, count: 20) } == [4, 4, 4, 4])
    }

    @Test func snapshotDiffNamesChangedLines() {
        let diff = Snapshot.diff(expected: "a\nb\nc", actual: "a\nB\nc")
        #expect(diff == "  2 - b\n  2 + B")
    }
}
