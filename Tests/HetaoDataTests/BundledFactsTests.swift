import HetaoBundled
import Foundation
import Testing
@testable import HetaoData
import HetaoDomain

/// The bundled dataset against the published record: what it must say, and what it must not
/// claim.
@Suite struct BundledFactsTests {
    let programme = try! BundledDataset.load()

    private func building(_ id: String) throws -> Building { try #require(programme.buildings.first { $0.id == id }) }
    private func milestone(_ id: String) throws -> Milestone { try #require(programme.milestones.first { $0.id == id }) }

    @Test func batchOnesConstructionAllocationHasAnEarnedValueMarkedIllustrative() throws {
        let allocation = try #require(programme.allocation("batch-1-construction"))
        #expect(allocation.amount == HKD(dollars: 17_258_000_000))
        #expect(programme.fundedBuildings(of: allocation).map(\.id) == ["B8", "B9", "B11", "B1-A", "B1-B", "B1-C", "B1-D", "B1-E"])
        let ev = try #require(programme.earnedValue(of: allocation, on: programme.asOf))
        // Spend and the remaining five's progress are illustrative, so every index is.
        #expect(ev.isIllustrative)
        #expect(ev.budgetAtCompletion == 17_258_000_000 && ev.actualCost == 12_400_000_000)
        #expect((0.5...1.0).contains(try #require(ev.schedulePerformance)))
    }

    @Test func theFirstThreeBuildingsWereCompletedByTheFirstOfSeptember2025() throws {
        for id in ["B8", "B9", "B11"] {
            let b = try building(id)
            // The day is not published: a bound, at the precision the source supports.
            #expect(b.completion.actual?.display == "by 2025-09-01", "\(id)")
            #expect(b.completion.actual?.precision == .onOrBefore, "\(id)")
            #expect(b.slipDays == 244, "\(id): \(String(describing: b.slipDays))")
            #expect(b.completion.actual?.sourceID == "hkcna-2025-09-01")
            #expect(programme.confidence(of: b.completion.actual!.sourceID) == .medium)
        }
        #expect(try milestone("first-three-complete").dates.actual?.display == "by 2025-09-01")
        // Building 11's dates are disputed: both accounts are kept, and which is used and why.
        let note = try building("B11").note ?? ""
        #expect(note.contains("HKCD") && note.contains("fully completed on 21 Mar 2025") && note.contains("Used:"))
    }

    @Test func theCorrectionsOfDecember2026AreInTheData() throws {
        // No completion of the remaining five in 2026: the Secretary said 2027.
        #expect(!programme.milestones.contains { $0.id == "remaining-five-first" })
        #expect(programme.source("news-2026-03") == nil)
        // The 90% target as set on 3 Jan 2026, the end-2025 one missed.
        let occupancy = try milestone("occupancy-90")
        #expect(occupancy.dates.forecast?.display == "2026-Q1" && occupancy.dates.forecast?.sourceID == "singtao-2026-01-03")
        #expect(occupancy.dates.baseline?.display == "2025-12" && occupancy.note?.contains("missed") == true)
        // The land as announced; the illustrative starts in the first half of 2025.
        #expect(try milestone("land-release").name.hasPrefix("Development Bureau announces"))
        for b in programme.buildings where b.isPlaceholder {
            #expect(b.start.actual.map { $0.day >= Day(year: 2025, month: 1, day: 1)! && $0.lastDay <= Day(year: 2025, month: 6, day: 30)! } == true,
                    "\(b.id)")
        }
        // InnoHK from the 2018-19 Budget; the bridge's figures cited to what states them.
        #expect(programme.allocation("innohk")?.approvedBy == "2018-19 Budget (Financial Secretary)")
        #expect(programme.figures.first { $0.id == "bridge-length" }?.sourceID == "am730-2025-12-22")
        #expect(try milestone("bridge-complete").sourceID == "hk01-2025-12-28")
        #expect(programme.figures.first { $0.id == "apartments" }?.sourceID == "hk01-2025-12-22-apartments")
        // The 2026 facts.
        #expect(programme.allocation("phase-1-injection")?.approvedBy == "2026-27 Budget")
        #expect(programme.figures.first { $0.id == "firms-2026-01" }?.sourceID == "legco-2026-01-28")
        #expect(programme.figures.first { $0.id == "impact-jobs" }?.value == 52000)
    }

    @Test func noSourceShowsTheRemainingFiveLateSoNeitherDoesTheDataset() throws {
        let remaining = programme.buildings.filter(\.isPlaceholder)
        #expect(remaining.count == 5)
        let from2027 = Day(year: 2027, month: 1, day: 1)!
        for b in remaining {
            let baseline = try #require(b.completion.baseline)
            #expect(programme.isIllustrative(baseline.sourceID))
            #expect(baseline.day >= from2027, "\(b.id)")
            #expect((b.slipDays ?? 0) <= 0, "\(b.id)")
            #expect(baseline.day.year == 2027, "\(b.id): the remaining-five milestone says 2027")
        }
        #expect(try milestone("remaining-five").dates.forecast?.display == "2027")
        // Sorted by slip, the top is a real figure, not an invented one.
        let worst = try #require(programme.buildings.max { ($0.slipDays ?? .min) < ($1.slipDays ?? .min) })
        #expect(!programme.isIllustrative(worst.completion.expected!.sourceID))
    }

    @Test func whatNoSourceStatesIsIllustrative() throws {
        for b in programme.buildings where b.isPlaceholder {
            #expect(programme.isIllustrative(b.use.sourceID), "\(b.id) use")
            #expect(programme.isIllustrative(b.percentComplete.sourceID), "\(b.id) progress")
            #expect(!b.nameEN.contains("lab") && !b.nameZH.contains("實驗室"), "\(b.id): the name must not state a use")
        }
        // Only four wet-lab buildings in Batch 1 are published; two of them are 8 and 9.
        #expect(programme.figures.first { $0.id == "batch1-wet-labs" }?.value == 4)
        #expect(programme.buildings.filter { $0.use.value == .wetLab }.count <= 4)
        // "About 80% let" is one figure for the two lab buildings together: no building carries it.
        #expect(programme.buildings.allSatisfy { b in b.shareLeased.map { programme.isIllustrative($0.sourceID) } ?? true })
        #expect(programme.figures.contains { $0.id == "labs-let-at-opening" && $0.value == 80 })
        // Shared facilities have no published building.
        #expect(!programme.buildings.contains { ($0.note ?? "").contains("biobank") || ($0.note ?? "").contains("data centre") })
    }

    @Test func sanTinTechnopoleIsInHongKongToTheSouth() throws {
        let hetao = try #require(programme.parks.first { $0.id == "hetao" })
        #expect(hetao.location.contains("San Tin Technopole, in Hong Kong, to the south"))
        #expect(hetao.location.contains("Shenzhen to the north"))
        #expect(!hetao.location.contains("Xintian"))
        #expect(hetao.fullNameZH == "河套深港科技創新合作區香港園區")
        #expect(hetao.nameZH == "河套香港園區")
    }

    @Test func theSeedIsTheLegislativeCouncilReplyOfApril2025() throws {
        let lcq2 = try #require(programme.source("legco-lcq2-2025"))
        #expect(lcq2.confidence == .high)
        #expect(lcq2.date?.display == "2025-04-16")
        #expect(lcq2.reference == "Press release P2025041600217")
        #expect(lcq2.title.contains("Chan Siu-hung") && lcq2.title.contains("Sun Dong"))
        // "Later this year" is 2025; "next year" is 2026.
        let opening = try milestone("opening")
        #expect(opening.dates.baseline?.display == "2025" && opening.dates.baseline?.sourceID == "legco-lcq2-2025")
        #expect(try milestone("pilot-line").dates.forecast?.display == "2026")
        #expect(programme.parks.allSatisfy { $0.sourceID == "legco-lcq2-2025" })
    }

    @Test func theBridgeStartedInDecember2025AndIsDueIn2026() throws {
        let start = try milestone("bridge")
        #expect(start.name.contains("works start") && start.dates.actual?.display == "2025-12-22")
        #expect(try milestone("bridge-complete").dates.forecast?.display == "2026")
    }

    @Test func holdsWhatWasMissing() throws {
        #expect(try milestone("phase-2-planning").dates.actual?.display == "2025-12")
        let figure = { (id: String) in self.programme.figures.first { $0.id == id } }
        #expect(figure("phase-2-buildings")?.value == 30 && figure("phase-2-buildings")?.note == "over 30")
        #expect(figure("eoi-sites")?.value == 10 && figure("eoi-submissions")?.value == 27)
        #expect(figure("firms-in-talks-2025-09")?.value == 30 && figure("labs-let-2025-11")?.value == 70)
        let land = try milestone("land-release")
        #expect(land.dates.actual?.display == "2024-01-05")
        #expect(programme.source(land.sourceID)?.publisher.hasPrefix("Development Bureau") == true)
        #expect(programme.confidence(of: land.sourceID) == .high)
    }

    /// Every source the dataset cites.
    private var citedSources: Set<String> {
        var ids: Set<String> = []
        for park in programme.parks { ids.insert(park.sourceID) }
        for figure in programme.figures { ids.insert(figure.sourceID) }
        for phase in programme.phases {
            ids.formUnion([phase.sourceID, phase.floorArea?.sourceID, phase.target?.sourceID, phase.summarySourceID].compactMap { $0 })
        }
        for batch in programme.batches { ids.formUnion([batch.sourceID, batch.floorArea?.sourceID].compactMap { $0 }) }
        for building in programme.buildings { ids.formUnion(building.sourceIDs) }
        for m in programme.milestones {
            ids.formUnion([m.sourceID, m.dates.baseline?.sourceID, m.dates.forecast?.sourceID, m.dates.actual?.sourceID].compactMap { $0 })
        }
        for entry in programme.allAllocations {
            ids.formUnion(entry.allocation.sourceIDs)
        }
        for i in programme.institutions { ids.formUnion(i.sourceIDs + [i.established?.sourceID].compactMap { $0 }) }
        return ids
    }

    @Test func everyCitedSourceSaysWhatItIs() throws {
        #expect(citedSources.count > 30)
        for id in citedSources.sorted() {
            let source = try #require(programme.source(id), "\(id)")
            #expect(!source.publisher.isEmpty && !source.title.isEmpty, "\(id)")
            #expect(source.date != nil, "\(id) has no date")
            if source.publisher.contains("Legislative Council") {
                #expect(source.reference != nil, "\(id): a Legislative Council paper names its reference")
            }
        }
    }

    /// A source listed but cited by nothing is a citation lost: the detail and the reports would
    /// never show it beside the figure it supports.
    @Test func everyListedSourceIsCitedBySomething() {
        let uncited = programme.sources.map(\.id).filter { !citedSources.contains($0) && $0 != Programme.illustrativeSourceID }
        #expect(uncited.isEmpty, "\(uncited)")
    }

    @Test func everyNameAndTextShownHasItsChinese() {
        var missing: [String] = []
        func need(_ chinese: ChineseText, _ fields: [(String, String?)], _ what: String) {
            for (field, english) in fields where english != nil && chinese[field] == nil { missing.append("\(what) \(field)") }
        }
        #expect(programme.titleZH != nil)
        for p in programme.parks { need(p.chinese, [("location", p.location), ("role", p.role)], p.id) }
        for f in programme.figures { need(f.chinese, [("label", f.label), ("unit", f.unit), ("note", f.note)], f.id) }
        for p in programme.phases {
            need(p.chinese, [("name", p.name), ("summary", p.summary), ("earlier_summary", p.earlierSummary)], p.id)
        }
        for b in programme.batches { need(b.chinese, [("name", b.name), ("delivery", b.delivery)], b.id) }
        for b in programme.buildings { need(b.chinese, [("note", b.note)], b.id) }
        for m in programme.milestones { need(m.chinese, [("name", m.name), ("note", m.note)], m.id) }
        for entry in programme.allAllocations {
            let a = entry.allocation
            need(a.chinese, [("name", a.name), ("approved_by", a.approvedBy), ("note", a.note)], a.id)
        }
        for i in programme.institutions {
            need(i.chinese, [("name", i.name), ("field", i.field), ("status", i.status), ("earlier_status", i.earlierStatus),
                             ("location", i.location), ("note", i.note)], i.id)
        }
        #expect(missing.isEmpty, "\(missing)")
    }
}
