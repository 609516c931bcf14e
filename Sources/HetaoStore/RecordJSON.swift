import Foundation
import HetaoDomain

/// The JSON form of records for `hetao export --format json`: an array of objects with the
/// CSV's column names as keys; money in whole HK dollars, dates ISO 8601; characters that
/// could act on a terminal escaped as `\uXXXX`.
public enum RecordJSON {
    struct Row: Encodable {
        var id: Int64
        var kind: String
        var subject: String
        var event: String?
        var asOf: String
        var percent: Double?
        var status: String?
        var forecast: String?
        var actual: String?
        var shareLet: Double?
        var tenants: Int?
        var committedHkd: Int64?
        var spentHkd: Int64?
        var note: String
        var source: String
        var supersedes: Int64?
        var recordedAt: String
        var recordedBy: String
        var originRecordedAt: String?
        var originRecordedBy: String?
    }

    /// The records as JSON; preparing them tells `progress`, which may stop it.
    public static func encode(_ records: [StatusRecord], progress: WorkProgress = .unwatched) throws(WorkCancelled) -> String {
        var rows: [Row] = []
        rows.reserveCapacity(records.count)
        for (done, r) in records.enumerated() {
            try progress.report(.writing, done + 1, of: records.count)
            rows.append(Row(id: r.id, kind: r.kind.rawValue, subject: r.subject, event: r.event?.rawValue, asOf: r.asOf.iso,
                            percent: r.percent, status: r.status?.rawValue, forecast: r.forecast?.iso, actual: r.actual?.iso,
                            shareLet: r.shareLet, tenants: r.tenants, committedHkd: r.committed?.dollars, spentHkd: r.spent?.dollars,
                            note: r.note, source: r.source, supersedes: r.supersedes, recordedAt: r.recordedAt,
                            recordedBy: r.recordedBy, originRecordedAt: r.origin?.recordedAt,
                            originRecordedBy: r.origin?.recordedBy))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(rows)) ?? Data("[]".utf8)
        return JSONText.escapingInvisible(String(decoding: data, as: UTF8.self)) + "\n"
    }
}
