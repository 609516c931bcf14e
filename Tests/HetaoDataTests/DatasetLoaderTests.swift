import HetaoBundled
import Foundation
import Testing
@testable import HetaoData
import HetaoDomain

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Fixtures")

@Suite struct BundledDatasetTests {
    let programme = try! BundledDataset.load()

    @Test func holdsTheSeedArticlesFacts() throws {
        #expect(programme.parks.map(\.id) == ["hetao", "science-park", "cyberport"])
        #expect(programme.phases.map(\.name) == ["Phase 1 (west)", "Phase 2 (east)"])
        let batch1 = programme.buildings(in: "p1-batch-1")
        #expect(batch1.count == 8)
        #expect(programme.statusCounts(of: batch1, on: programme.asOf)[.completed] == 3)
        #expect(programme.allocation("life-health")?.amount == HKD(millions: 10000))
        #expect(programme.allocation("funding-scheme")?.amount == HKD(millions: 6000))
        #expect(programme.parent(ofAllocation: "funding-scheme")?.id == "life-health")
        #expect(programme.allocation("ai-institute")?.amount == HKD(millions: 1000))
        #expect(programme.milestones.first { $0.id == "blueprint" }?.when?.display == "2022-12")
        #expect(programme.institutions.filter(\.isFiveMajor).count == 5)
        #expect(programme.institutions.contains { $0.id == "sic-gan-pilot-line" })
    }

    @Test func holdsTheFactSheetsMoneyExactly() {
        #expect(programme.allocation("batch-1-equity")?.amount.dollars == 18_135_000_000)
        #expect(programme.allocation("batch-1-construction")?.amount.dollars == 17_258_000_000)
        #expect(programme.allocation("batch-1-operating")?.amount.dollars == 877_000_000)
        #expect(programme.allocation("item-748cl")?.amount.dollars == 517_600_000)
        #expect(programme.allocation("item-760cl")?.amount.dollars == 268_300_000)
        #expect(programme.allocation("microelectronics")?.children.map(\.amount.dollars) == [2_480_000_000, 360_000_000])
        #expect(programme.allocation("funding-scheme")?.children.map(\.amount.dollars)
                == [1_800_000_000, 1_800_000_000, 300_000_000, 2_100_000_000])
    }

    @Test func marksUnpublishedValuesIllustrative() throws {
        let siteA = try #require(programme.buildings.first { $0.id == "B1-A" })
        #expect(siteA.isPlaceholder)
        #expect(programme.isIllustrative(siteA.percentComplete.sourceID))
        let b8 = try #require(programme.buildings.first { $0.id == "B8" })
        #expect(!b8.isPlaceholder)
        #expect(programme.confidence(of: b8.percentComplete.sourceID) == .medium)
        #expect(programme.completion(ofBatch: "p1-batch-1").isIllustrative)
    }

    @Test func everySourceHasAConfidenceAndPublicFiguresAreNotIllustrative() {
        for figure in programme.figures { #expect(!programme.isIllustrative(figure.sourceID), "\(figure.id)") }
        for allocation in programme.allAllocations.map(\.allocation) {
            #expect(!programme.isIllustrative(allocation.sourceID), "\(allocation.id)")
        }
    }
}

@Suite struct BadFileCorpusTests {
    /// The expected problems, one per line, as `NAME.yaml:LINE:COLUMN: message`.
    static let expected: [String: [String]] = {
        let text = (try? String(contentsOf: fixtures.appending(path: "expected-problems.txt"), encoding: .utf8)) ?? ""
        return Dictionary(grouping: text.split(separator: "\n").map(String.init)) { String($0.prefix { $0 != ":" }) }
    }()

    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appending(path: "BadFiles").path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    @Test func theCorpusCoversEveryRule() {
        #expect(Self.files.count >= 20)
        #expect(Set(Self.files) == Set(Self.expected.keys))
    }

    @Test(arguments: files)
    func eachBadFileIsRejectedWithItsExpectedProblems(name: String) {
        let path = fixtures.appending(path: "BadFiles/\(name)").path
        do {
            _ = try DatasetLoader.load(path: path)
            Issue.record("\(name) loaded without problems")
        } catch {
            #expect(error.exitCode == 65)
            let got = error.problems.map { $0.description.replacingOccurrences(of: path, with: name) }
            #expect(got == Self.expected[name] ?? [])
        }
    }

    @Test func theMinimalDatasetTheCorpusVariesIsValid() throws {
        let programme = try DatasetLoader.load(path: fixtures.appending(path: "minimal.yaml").path)
        #expect(programme.buildings.count == 2)
    }

    @Test func aMissingFileIsUnreadableNotInvalid() {
        #expect(throws: DatasetError.unreadable(file: "/nonexistent/hetao.yaml",
                                                reason: "no such file")) {
            try DatasetLoader.load(path: "/nonexistent/hetao.yaml")
        }
    }

    @Test func aVeryLargeFileIsParsedAndItsProblemLocated() throws {
        // 20,000 generated buildings, the last with a percentage out of range.
        let minimal = try String(contentsOf: fixtures.appending(path: "minimal.yaml"), encoding: .utf8)
        var extra = ""
        for i in 0..<20_000 {
            extra += """
              - {id: G\(i), label: "G\(i)", batch: batch-1, name_en: Generated \(i), name_zh: 生成, use: mixed, \
            floor_area: 10, percent_complete: \(i == 19_999 ? 140 : 50), source: article}

            """
        }
        let text = minimal.replacingOccurrences(of: "milestones:", with: extra + "milestones:")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let badLine = try #require(lines.firstIndex { $0.contains("id: G19999,") }) + 1
        #expect(throws: DatasetError.self) { try DatasetLoader.parse(Data(text.utf8), file: "large.yaml") }
        do {
            _ = try DatasetLoader.parse(Data(text.utf8), file: "large.yaml")
        } catch {
            #expect(error.problems.count == 1)
            #expect(error.problems.first?.line == badLine)
            #expect(error.problems.first?.message == "'percent_complete' in building 'G19999' is 140; a percentage must be 0-100")
        }
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeParsing() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "hetao-huge-\(getpid()).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: DatasetLoader.maximumBytes + 1)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try DatasetLoader.load(path: path)
            Issue.record("an oversized file loaded")
        } catch {
            #expect(error.problems.map(\.message) == ["the file is 32 MiB; a dataset may be at most 32 MiB"])
        }
    }
}

@Suite struct MoneyRangeTests {
    /// An amount past what whole dollars can hold is a problem at its line, not a crash.
    @Test func anAmountTooLargeIsAProblemAtItsLine() throws {
        let minimal = try String(contentsOf: fixtures.appending(path: "minimal.yaml"), encoding: .utf8)
        let text = minimal.replacingOccurrences(of: "amount_m: 10000", with: "amount_m: 1e13")
        #expect(text != minimal)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("1e13") }) + 1
        do {
            _ = try DatasetLoader.parse(Data(text.utf8), file: "money.yaml")
            Issue.record("a dataset with HK$ 1e13 million loaded")
        } catch {
            #expect(error.problems.contains { $0.line == line && $0.message.contains("an amount may be at most") })
        }
    }
}
