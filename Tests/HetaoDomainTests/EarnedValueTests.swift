import HetaoDomain
import Testing

@Suite struct EarnedValueTests {
    /// A worked example computed by hand from the PMI formulas: BAC 100,000, half the work
    /// planned, 40 % done, 45,000 spent.
    @Test func theFormulasAgainstAHandComputedTable() throws {
        let ev = EarnedValue(budgetAtCompletion: 100_000, plannedShare: 0.5, doneShare: 0.4, actualCost: 45_000,
                             isIllustrative: false)
        #expect(ev.plannedValue == 50_000 && ev.earnedValue == 40_000)
        #expect(ev.scheduleVariance == -10_000 && ev.costVariance == -5_000)
        #expect(ev.schedulePerformance == 0.8)
        #expect(abs(try #require(ev.costPerformance) - 0.888_888_9) < 1e-6)
        #expect(abs(try #require(ev.estimateAtCompletion) - 112_500) < 1e-6)
        #expect(ev.estimateAtCompletionAtBudgetRate == 105_000)
        #expect(abs(try #require(ev.estimateToComplete) - 67_500) < 1e-6)
        #expect(abs(try #require(ev.varianceAtCompletion) - -12_500) < 1e-6)
    }

    @Test func nothingPlannedNothingSpentOrNoBudgetGiveNoIndexRatherThanInfinity() {
        let early = EarnedValue(budgetAtCompletion: 100_000, plannedShare: 0, doneShare: 0, actualCost: 0, isIllustrative: false)
        #expect(early.schedulePerformance == nil && early.costPerformance == nil && early.estimateAtCompletion == nil)
        #expect(early.estimateAtCompletionAtBudgetRate == 100_000 && early.costVariance == 0)
        let unspent = EarnedValue(budgetAtCompletion: 100_000, plannedShare: 0.2, doneShare: 0.1, actualCost: nil, isIllustrative: false)
        #expect(unspent.schedulePerformance == 0.5 && unspent.costPerformance == nil && unspent.estimateToComplete == nil)
        let noBudget = EarnedValue(budgetAtCompletion: 0, plannedShare: 0.5, doneShare: 0.5, actualCost: 10, isIllustrative: false)
        #expect(noBudget.schedulePerformance == nil && noBudget.costPerformance == 0 && noBudget.estimateAtCompletion == nil)
    }

    @Test func thresholdsSayWarningBelow095AndBadBelow09() {
        let standard = Thresholds.earnedValue
        #expect(standard.standing(of: 0.96) == .fine && standard.standing(of: 0.95) == .fine)
        #expect(standard.standing(of: 0.94) == .warning && standard.standing(of: 0.89) == .bad)
        #expect(standard.standing(of: nil) == .unknown)
        #expect(Thresholds(warning: 0.98, bad: 0.96, worse: .below).standing(of: 0.97) == .warning)
        // Behind plan grows worse upwards, by the same rule.
        let behind = Thresholds.behindPlan
        #expect(behind.standing(of: 9.9) == .fine && behind.standing(of: 10) == .warning && behind.standing(of: 25) == .bad)
        #expect(behind.standing(of: -5) == .fine)
    }
}

@Suite struct PlannedProgressTests {
    let start = Day(iso: "2024-01-01")!, finish = Day(iso: "2026-01-01")!

    @Test func theSCurveStartsSlowIsHalfWayAtTheMiddleAndEndsSlow() {
        func s(_ iso: String) -> Double { PlannedProgress.fraction(on: Day(iso: iso)!, start: start, finish: finish, shape: .sCurve) }
        #expect(s("2023-06-01") == 0 && s("2024-01-01") == 0 && s("2026-01-01") == 1 && s("2027-01-01") == 1)
        #expect(abs(s("2025-01-01") - 0.5) < 0.002)
        // A quarter of the time in: less than a quarter done (5/32 on the smoothstep); symmetric at three quarters.
        let quarter = PlannedProgress.fraction(on: start.adding(days: 183), start: start, finish: finish, shape: .sCurve)
        let threeQuarters = PlannedProgress.fraction(on: start.adding(days: 548), start: start, finish: finish, shape: .sCurve)
        #expect(abs(quarter - 5.0 / 32) < 0.01 && abs(threeQuarters - 27.0 / 32) < 0.01)
        // Rising all the way.
        var previous = -1.0
        for offset in stride(from: 0, through: 731, by: 30) {
            let value = PlannedProgress.fraction(on: start.adding(days: offset), start: start, finish: finish, shape: .sCurve)
            #expect(value >= previous)
            previous = value
        }
    }

    @Test func theLinearPlanIsAStraightLine() {
        let middle = PlannedProgress.fraction(on: Day(iso: "2025-01-01")!, start: start, finish: finish, shape: .linear)
        #expect(abs(middle - 366.0 / 731.0) < 1e-9)
        #expect(PlannedProgress.fraction(on: finish, start: finish, finish: finish, shape: .linear) == 1)
    }
}
