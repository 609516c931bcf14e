/// What is wrong with a record, or worth a second look, with the values that say so: each
/// output writes it in its own language from the phrase tables (`Texts.issue`), so the form in
/// Chinese speaks Chinese and the command line names no field the form lacks.
public enum RecordProblem: Hashable, Sendable {
    /// What a record can be about.
    public enum Subject: String, Hashable, Sendable { case building, allocation, milestone }
    /// A dated field.
    public enum DateName: String, Hashable, Sendable { case asOf, forecast, actual }
    /// A percentage field.
    public enum Share: String, Hashable, Sendable { case percentComplete, shareLet }
    /// A money field.
    public enum Money: String, Hashable, Sendable { case committed, spent }

    case unknownSubject(Subject, id: String, suggestion: String?)
    /// A control character in a text column (`note`, `source`, …), at a character position.
    case controlCharacter(column: String, character: String, position: Int)
    case implausibleDate(DateName, Day)
    case dateInFuture(DateName, Day, today: Day)
    case missingShare(Share)
    case shareOutOfRange(Share, Double)
    case sourceRequired
    /// Progress below the latest report (record `record`, as of `asOf`).
    case belowLatest(Double, latest: Double, asOf: Day, record: Int64)
    case negativeTenants(Int)
    case milestoneNeedsEvent(building: String)
    case forecastOrActualRequired
    case committedOrSpentRequired
    case negativeMoney(Money, HKD)
    case implausibleMoney(Money, HKD, largest: HKD)
    /// Spend above the allocation: refused without a note saying why, a warning with one.
    case overrunNeedsNote(spent: HKD, amount: HKD, allocation: String)
    case overrun(spent: HKD, amount: HKD, allocation: String)
    case committedAboveAllocation(committed: HKD, amount: HKD, allocation: String)
    case spentAboveCommitted(spent: HKD, committed: HKD)
    case noRecordToCorrect(id: Int64)
    /// The record named (`record 14`, `line 3`) is about something else.
    case correctsAnotherThing(name: String, kind: RecordKind, subject: String, ownKind: RecordKind, ownSubject: String)
    case alreadyCorrected(name: String, by: String)
}
