import HetaoBundled
import HetaoData
import HetaoDomain
import HetaoText
import Testing
@testable import HetaoViewModels

@Suite struct EditableTextTests {
    private func edited(_ text: String, _ edits: TextEdit...) -> EditableText {
        var value = EditableText(text)
        for edit in edits { value.apply(edit) }
        return value
    }

    @Test func theCursorMovesAndCharactersGoInWhereItIs() {
        let value = edited("site 12", .left, .left, .insert("walk "), .home, .insert(">"))
        #expect(value.text == ">site walk 12" && value.cursor == 1)
        #expect(edited("abc", .home, .left, .right, .right, .right, .right).cursor == 3)
    }

    @Test func deletingByCharacterWordAndToTheStart() {
        #expect(edited("site walk 12", .deleteBackward).text == "site walk 1")
        #expect(edited("site walk 12", .home, .deleteForward).text == "ite walk 12")
        #expect(edited("site walk 12", .end, .deleteForward).text == "site walk 12")
        #expect(edited("site walk 12  ", .deleteWordBackward).text == "site walk ")
        #expect(edited("site walk 12", .left, .left, .deleteToStart).text == "12")
        #expect(edited("", .deleteBackward, .deleteWordBackward, .deleteToStart).text == "")
    }

    @Test func wideCharactersMoveAndDeleteWhole() {
        let value = edited("工地視察", .left, .deleteBackward, .insert("巡"))
        #expect(value.text == "工地巡察" && value.cursor == 3)
        // An accented letter written as two scalars is one character.
        #expect(edited("cafe\u{301}", .deleteBackward).text == "caf")
    }

    @Test func pastedTextIsTypedTextWithoutControlCharacters() {
        let value = edited("", .insert("site\u{1B}[31m walk\r\n12\u{7}\u{200B}\u{2028}done\tok"))
        #expect(value.text == "site[31m walk 12 done ok")
    }

    @Test func aPrefilledValueIsReplacedByTypingAndKeptByACursorKey() {
        var value = EditableText("100", selected: true)
        value.apply(.insert("6"))
        value.apply(.insert("1"))
        #expect(value.text == "61")
        #expect(edited("", .insert("x")).text == "x")
        var kept = EditableText("2026-11-27", selected: true)
        kept.apply(.end)
        kept.apply(.deleteBackward)
        #expect(kept.text == "2026-11-2" && !kept.isSelected)
        var cleared = EditableText("100", selected: true)
        cleared.apply(.deleteBackward)
        #expect(cleared.text == "")
    }
}

@Suite struct RecordFormTests {
    let programme = try! BundledDataset.load()
    let today = Day(iso: "2026-11-27")!

    @Test func progressFieldsComeInTheOrderPeopleFillThem() {
        let form = RecordForm(kind: .progress, subject: "B1-A", programme: programme, today: today)
        #expect(form.fields == [.percent, .asOf, .source, .note, .status])
        #expect(form.text(.percent).text == "90" && form.text(.asOf).text == "2026-11-27" && form.text(.source).text == "")
        #expect(RecordForm(kind: .spend, subject: "batch-1-construction", programme: programme, today: today).fields
            == [.committed, .spent, .asOf, .source, .note])
    }

    @Test func theRecordIsWhatWasTypedAndUnreadableFieldsAreNamed() {
        var form = RecordForm(kind: .progress, subject: "B1-A", programme: programme, today: today)
        for c in "61" { form.edit(.insert(String(c))) }
        form.moveFocus(by: 2)
        form.edit(.insert("site walk 12"))
        form.moveFocus(by: 2)
        form.edit(.right)
        let record = form.record()
        #expect(record?.percent == 61 && record?.source == "site walk 12" && record?.asOf == today && record?.kind == .progress)
        #expect(record?.status == .planned && record?.subject == "B1-A")

        var bad = RecordForm(kind: .milestone, subject: "B1-A", programme: programme, today: today)
        bad.moveFocus(by: 1)
        bad.edit(.insert("2027-13-01"))
        #expect(bad.record() == nil && bad.unreadable == [.forecast: .formNoSuchDay])
        bad.edit(.deleteToStart)
        #expect(bad.unreadable.isEmpty)
        bad.edit(.insert("2028-02-30"))
        #expect(bad.record() == nil && bad.unreadable == [.forecast: .formNoSuchDay])
        bad.edit(.deleteToStart)
        bad.edit(.insert("next June"))
        #expect(bad.record() == nil && bad.unreadable == [.forecast: .formNotADate])
        var money = RecordForm(kind: .spend, subject: "batch-1-construction", programme: programme, today: today)
        money.edit(.insert("12.4bn"))
        money.moveFocus(by: 1)
        money.edit(.insert("0.4"))
        #expect(money.record() == nil && money.unreadable == [.spent: .formNotWholeDollars])
    }

    @Test func warningsAloneWaitForConfirmationAndAnEditWithdrawsIt() {
        var form = RecordForm(kind: .progress, subject: "B1-A", programme: programme, today: today)
        form.take(.refused([.warning(.percent, .belowLatest(5, latest: 10, asOf: Day(iso: "2026-11-20")!, record: 4))]))
        #expect(form.awaitingConfirmation && form.issues(for: .percent).count == 1 && form.issues(for: .source).isEmpty)
        form.edit(.insert("6"))
        #expect(!form.awaitingConfirmation)
        form.take(.refused([.error(.source, .sourceRequired), .warning(.percent, .belowLatest(5, latest: 10, asOf: Day(iso: "2026-11-20")!, record: 4))]))
        #expect(!form.awaitingConfirmation && form.issues(for: .source).map(Texts.english.issue) == ["error: a source is required"])
        // The form in Chinese says it in Chinese.
        #expect(form.issues(for: .source).map(Texts(.traditionalChinese).issue) == ["錯誤：必須註明來源"])
        #expect(Texts(.traditionalChinese).problem(.belowLatest(5, latest: 10, asOf: Day(iso: "2026-11-20")!, record: 4))
                == "進度 5% 低於最新的 10%（截至 2026-11-20，紀錄 4）；如該匯報有誤，請改為更正")
    }
}
