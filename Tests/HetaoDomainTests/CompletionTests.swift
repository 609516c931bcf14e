import Testing
@testable import HetaoDomain

@Suite struct CompletionTests {
    @Test func batchCompletionIsWeightedByFloorAreaOverTheDeclaredScope() {
        // 400 m² at 100 % + 300 m² at 50 % = 550 m² built; scope max(1000 declared, 700 listed) = 1000.
        let p = Fixture.programme(buildings: [
            Fixture.building("A", area: 400, percent: 100),
            Fixture.building("B", area: 300, percent: 50),
        ])
        let c = p.completion(ofBatch: "b1")
        #expect(c.completedArea == 550)
        #expect(c.scopeArea == 1000)
        #expect(abs(c.percent - 55) < 1e-9)
        #expect(!c.isIllustrative)
    }

    @Test func listedAreaBeyondTheDeclaredAreaWidensTheScope() {
        // 800 + 400 = 1200 m² listed against 1000 declared: scope 1200; built 800×0.25 + 400×1 = 600 → 50 %.
        let p = Fixture.programme(buildings: [
            Fixture.building("A", area: 800, percent: 25),
            Fixture.building("B", area: 400, percent: 100),
        ])
        #expect(abs(p.completion(ofBatch: "b1").percent - 50) < 1e-9)
    }

    @Test func phaseCompletionCountsUnlistedBatchesAndAreaAsNotBuilt() {
        // Batch 1: 550 built of 1000; batch 2: nothing listed, 2000 declared; phase declares 5000.
        // 550 / max(5000, 3000) = 11 %.
        let p = Fixture.programme(buildings: [
            Fixture.building("A", area: 400, percent: 100),
            Fixture.building("B", area: 300, percent: 50),
        ])
        let c = p.completion(ofPhase: "p1")
        #expect(c.completedArea == 550)
        #expect(c.scopeArea == 5000)
        #expect(abs(c.percent - 11) < 1e-9)
    }

    @Test func anIllustrativeInputMakesTheResultIllustrative() {
        let p = Fixture.programme(buildings: [
            Fixture.building("A", area: 400, percent: 100),
            Fixture.building("B", area: 300, percent: 50, percentSource: "illustrative"),
        ])
        #expect(p.completion(ofBatch: "b1").isIllustrative)
        #expect(p.completion(ofPhase: "p1").isIllustrative)
        #expect(!p.completion(ofBatch: "b2").isIllustrative)
    }
}

@Suite struct ScheduleTests {
    @Test func statusFollowsTheLatestActualDateThenProgress() {
        let done = Fixture.building("done", area: 1, percent: 90, completion: DatePlan(actual: Fixture.day("2025-12")))
        let topped = Fixture.building("topped", area: 1, percent: 70, toppingOut: DatePlan(actual: Fixture.day("2025-03-21")))
        let started = Fixture.building("started", area: 1, percent: 0, start: DatePlan(actual: Fixture.day("2024-Q2")))
        let progressing = Fixture.building("progressing", area: 1, percent: 5)
        let planned = Fixture.building("planned", area: 1, percent: 0)
        let full = Fixture.building("full", area: 1, percent: 100)
        let later = Fixture.building("later", area: 1, percent: 0, start: DatePlan(actual: Fixture.day("2027-01-01")))
        let asOf = Fixture.asOf
        #expect(done.status(on: asOf) == .completed)
        #expect(topped.status(on: asOf) == .toppedOut)
        #expect(started.status(on: asOf) == .underConstruction)
        #expect(progressing.status(on: asOf) == .underConstruction)
        #expect(planned.status(on: asOf) == .planned)
        #expect(full.status(on: asOf) == .completed)
        #expect(later.status(on: asOf) == .planned)

        let p = Fixture.programme(buildings: [done, topped, started, progressing, planned, full, later])
        #expect(p.statusCounts(on: Fixture.asOf) == [.completed: 2, .toppedOut: 1, .underConstruction: 2, .planned: 2])
    }

    @Test func slipIsExpectedCompletionMinusBaselineInDays() {
        let late = Fixture.building("late", area: 1, percent: 25, completion: DatePlan(
            baseline: Fixture.day("2027-06-30"), forecast: Fixture.day("2028-09-30")))
        #expect(late.slipDays == 458)
        // An actual date replaces the forecast: Dec 2024 baseline, Dec 2025 actual = 365 days.
        let done = Fixture.building("done", area: 1, percent: 100, completion: DatePlan(
            baseline: Fixture.day("2024-12"), forecast: Fixture.day("2026-06"), actual: Fixture.day("2025-12")))
        #expect(done.slipDays == 365)
        let early = Fixture.building("early", area: 1, percent: 10, completion: DatePlan(
            baseline: Fixture.day("2027-06-30"), forecast: Fixture.day("2027-06-20")))
        #expect(early.slipDays == -10)
        #expect(Fixture.building("none", area: 1, percent: 0).slipDays == nil)
    }

    @Test func nextMilestoneIsTheEarliestOpenOneWhosePeriodHasNotEnded() {
        func milestone(_ id: String, forecast: String? = nil, actual: String? = nil) -> Milestone {
            Milestone(id: id, name: id, phaseID: nil,
                      dates: DatePlan(forecast: forecast.map(Fixture.day), actual: actual.map(Fixture.day)),
                      note: nil, sourceID: "paper")
        }
        let p = Fixture.programme(buildings: [], milestones: [
            milestone("opened", actual: "2025-12-22"),
            milestone("overdue", forecast: "2026-Q1"),
            milestone("this-year", forecast: "2026"),
            milestone("later", forecast: "2027"),
        ])
        #expect(p.nextMilestone(on: Fixture.asOf)?.id == "this-year")
        #expect(p.milestones[1].isOverdue(on: Fixture.asOf))
        #expect(!p.milestones[2].isOverdue(on: Fixture.asOf))
        #expect(p.timeline.map(\.id) == ["opened", "overdue", "this-year", "later"])
    }
}

@Suite struct BudgetTests {
    @Test func rollUpsCompareChildrenWithTheirParent() {
        let scheme = Allocation(id: "scheme", name: "Scheme", amount: HKD(millions: 6000), financialYear: nil,
                                approvedBy: nil, status: .approved, sourceID: "paper", children: [
                                    Allocation(id: "y1", name: "Y1", amount: HKD(millions: 1800), financialYear: nil,
                                               approvedBy: nil, status: .approved, sourceID: "paper"),
                                    Allocation(id: "y2", name: "Y2", amount: HKD(millions: 4200), financialYear: nil,
                                               approvedBy: nil, status: .approved, sourceID: "paper"),
                                ])
        let centre = Allocation(id: "centre", name: "Centre", amount: HKD(millions: 2200), financialYear: nil,
                                approvedBy: nil, status: .earmarked, sourceID: "paper")
        let fund = Allocation(id: "fund", name: "Fund", amount: HKD(millions: 10000), financialYear: nil,
                              approvedBy: nil, status: .earmarked, sourceID: "paper", children: [scheme, centre])
        #expect(fund.allocatedToChildren == HKD(millions: 8200))
        #expect(fund.unallocated == HKD(millions: 1800))
        #expect(scheme.unallocated == .zero)
        #expect(centre.unallocated == .zero)
        #expect(scheme.share(of: fund) == 0.6)
        #expect(centre.share(of: fund) == 0.22)

        let p = Fixture.programme(buildings: [], allocations: [fund])
        #expect(p.allAllocations.map(\.allocation.id) == ["fund", "scheme", "y1", "y2", "centre"])
        #expect(p.allAllocations.map(\.depth) == [0, 1, 2, 2, 1])
        #expect(p.parent(ofAllocation: "y2")?.id == "scheme")
        #expect(p.parent(ofAllocation: "fund") == nil)
    }
}
