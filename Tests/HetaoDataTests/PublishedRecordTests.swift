import HetaoBundled
import Foundation
import HetaoData
import HetaoDomain
import Testing

/// Time travel through what was published: each dataset figure is known from its source's
/// publication day, and a source cannot report what had not yet happened.
@Suite struct PublishedRecordTests {
    let programme = try! BundledDataset.load()

    private func day(_ iso: String) -> Day { Day(iso: iso)! }

    private func building(_ id: String, _ p: Programme) throws -> Building { try #require(p.buildings.first { $0.id == id }) }

    @Test func inJune2025TheFirstThreeWereToppedOutNotComplete() throws {
        let then = programme.asPublished(on: day("2025-06-30"))
        for id in ["B8", "B9", "B11"] {
            let b = try building(id, then)
            #expect(b.status(on: day("2025-06-30")) == .toppedOut, "\(id)")
            #expect(b.completion.actual == nil && b.completion.baseline?.display == "2024-12")
            // No percentage was published then: the plan's share stands in, marked illustrative.
            #expect(b.percentComplete.value < 100 && then.isIllustrative(b.percentComplete.sourceID))
        }
        #expect(then.milestones.first { $0.id == "first-three-complete" }?.dates.actual == nil)
        #expect(then.milestones.first { $0.id == "opening" }?.dates.actual == nil)
        #expect(!then.milestones.contains { $0.id == "injection-2026-27" })
        #expect(!then.figures.contains { $0.id == "tenants-at-opening" })
        #expect(!then.allAllocations.contains { $0.allocation.id == "phase-1-injection" })
        // What was known stays: the Finance Committee's equity, the 2024 outline.
        #expect(then.allAllocations.contains { $0.allocation.id == "batch-1-construction" })
        #expect(then.milestones.first { $0.id == "phase-1-complete" }?.dates.forecast?.display == "2030")
        // The remaining five's illustrative progress is as of the dataset's day: before it, the plan's.
        let siteA = try building("B1-A", then)
        #expect(siteA.percentComplete.value < 40 && then.isIllustrative(siteA.percentComplete.sourceID))
        #expect(then.behindPlan(of: siteA, on: day("2025-06-30")).map { abs($0.points) < 1 } == true)
        #expect(then.allocation("batch-1-construction")?.spent == nil)
    }

    @Test func byOctober2025TheyWereCompleteByTheFirstOfSeptember() throws {
        let then = programme.asPublished(on: day("2025-10-31"))
        for id in ["B8", "B9", "B11"] {
            let b = try building(id, then)
            #expect(b.status(on: day("2025-10-31")) == .completed, "\(id)")
            #expect(b.completion.actual?.display == "by 2025-09-01" && b.percentComplete.value == 100)
            #expect(!then.isIllustrative(b.percentComplete.sourceID))
        }
    }

    /// A text a later source changed reads, on an earlier day, as the public record then had it,
    /// in both languages; an institution not yet published is not there at all.
    @Test func statusesAndSummariesReadAsTheyDidThen() throws {
        let then = programme.asPublished(on: day("2025-06-30"))
        let astri = try #require(then.institutions.first { $0.id == "astri" })
        #expect(astri.status == "operating" && astri.chinese["status"] == "運作中")
        // The later source is not cited for what it had not yet said.
        #expect(!astri.sourceIDs.contains("astri-2026-02-25"))
        #expect(then.institutions.first { $0.id == "ai-institute" }?.status == "being set up")
        let east = try #require(then.phases.first { $0.id == "phase-2" })
        #expect(east.summary.contains("planning under way") && east.chinese["summary"]?.contains("規劃進行中") == true)
        // After the announcement, today's text, citing the announcement.
        let now = programme.asPublished(on: day("2026-11-30"))
        let merging = try #require(now.institutions.first { $0.id == "astri" })
        #expect(merging.status.contains("announced for April 2026") && merging.sourceIDs.contains("astri-2026-02-25"))
        #expect(now.phases.first { $0.id == "phase-2" }?.summary.contains("medical-research") == true)
        // Before the Secretary's reply of April 2025 named it, the AI institute is not in the record.
        #expect(!programme.asPublished(on: day("2025-03-31")).institutions.contains { $0.id == "ai-institute" })
    }

    @Test func aLaterTextWithoutWhatCameBeforeIsRefusedByLine() throws {
        let text = BundledYAML.text.replacingOccurrences(of: "    earlier_status: being set up\n", with: "")
        #expect(text != BundledYAML.text)
        do {
            _ = try DatasetLoader.parse(Data(text.utf8), file: "hetao.yaml")
            Issue.record("the dataset was accepted")
        } catch {
            #expect(error.problems.contains {
                $0.message == "'status_source' in institution 'ai-institute' needs 'earlier_status': what the public record said before that source"
                    && $0.line > 0
            })
        }
    }

    @Test func timeTravelStepsOnTheDaysSourcesWerePublished() {
        let days = programme.publicationDays
        #expect(days == days.sorted() && Set(days).count == days.count)
        #expect(days.contains(day("2025-09-01")) && days.contains(day("2025-12-22")) && days.contains(day("2026-02-27")))
        // The editors' own values have no publication day.
        #expect(!days.contains(day("2026-11-30")))
    }

    @Test func anActualDateAfterItsSourceIsRefusedByLine() throws {
        let text = BundledYAML.text.replacingOccurrences(
            of: "    topping_out: {actual: {value: 2025-03-21, source: chinadaily-2025-03-22}}",
            with: "    topping_out: {actual: {value: 2025-03-29, source: chinadaily-2025-03-22}}")
        #expect(text != BundledYAML.text)
        do {
            _ = try DatasetLoader.parse(Data(text.utf8), file: "hetao.yaml")
            Issue.record("the dataset was accepted")
        } catch {
            #expect(error.problems.map(\.message).contains(
                "building 'B8' topping_out has an actual date 2025-03-29 after its source 'chinadaily-2025-03-22' was published "
                    + "(2025-03-22): a source cannot report what had not yet happened"))
        }
    }
}
