import HetaoAudit
import HetaoDomain
@testable import HetaoServe
import Testing

@Suite struct SessionPolicyTests {
    private func plan(_ line: String, _ role: Role) -> [String]? {
        try? SessionPolicy.plan(CommandWords.split(line), role: role).get().arguments
    }

    private func refusal(_ line: String, _ role: Role) -> String? {
        guard case .failure(let refusal) = SessionPolicy.plan(try! CommandWords.split(line), role: role) else { return nil }
        return refusal.description
    }

    @Test func viewersReadAndRecordersAlsoRecord() {
        #expect(plan("report --format csv", .viewer) == ["report", "--format", "csv"])
        #expect(plan("history B8", .viewer) == ["history", "B8"])
        #expect(plan("validate -", .viewer) == ["validate", "-"])
        #expect(refusal("record progress B1-A 64 --source x", .viewer) == "record is for recorders; this key's role is viewer")
        #expect(refusal("import -", .viewer) == "import is for recorders; this key's role is viewer")
        #expect(plan("record progress B1-A 64 --source 'site report 47'", .recorder)
            == ["record", "progress", "B1-A", "64", "--source", "site report 47"])
        #expect(plan("import - --dry-run", .recorder) == ["import", "-", "--dry-run"])
    }

    @Test func onlyAdministratorsManageUsersAndTheyAlsoRecord() {
        #expect(plan("users add carol --role viewer --key 'ssh-ed25519 AAAA carol'", .admin)
            == ["users", "add", "carol", "--role", "viewer", "--key", "ssh-ed25519 AAAA carol"])
        #expect(plan("record progress B1-A 64 --source x", .admin) != nil)
        #expect(refusal("users remove alice", .recorder) == "users is for administrators; this key's role is recorder")
        #expect(refusal("users list", .viewer) == "users is for administrators; this key's role is viewer")
        // The file, and the server to tell, are the server's own.
        #expect(refusal("users add x --role admin --users /tmp/mine.yaml", .admin) == "--users is set by the server, not over SSH")
        #expect(refusal("users remove bob --pid-file=/run/other.pid", .admin) == "--pid-file is set by the server, not over SSH")
        #expect(refusal("bash", .admin)?.hasSuffix("record, import, users, building, pane, whoami") == true)
    }

    @Test func anEmptyCommandOrAViewOpensTheDashboard() throws {
        #expect(try SessionPolicy.plan([], role: .viewer).get() == SessionPlan(arguments: [], isDashboard: true))
        #expect(try SessionPolicy.plan(["building", "B8"], role: .viewer).get() == SessionPlan(arguments: ["--building", "B8"], isDashboard: true))
        #expect(plan("pane budget", .viewer) == ["--pane", "budget"])
        #expect(refusal("pane", .viewer) == "usage: pane NAME")
    }

    @Test func shellsFilesOnTheServerAndUnknownCommandsAreRefused() {
        #expect(refusal("bash", .recorder) == "'bash' is not available over SSH; try: report, brief, history, export, validate, record, import, building, pane, whoami")
        #expect(refusal("sh -c id", .viewer)?.hasPrefix("'sh' is not available over SSH") == true)
        #expect(refusal("report --store /etc/shadow", .viewer) == "--store is set by the server, not over SSH")
        #expect(refusal("history B8 --dataset=/root/secret.yaml", .viewer) == "--dataset is set by the server, not over SSH")
        // An export to a file would write as the service's user, over its own store if asked.
        for words in ["export --output /var/lib/hetao/status.sqlite", "export --format csv --output=x.csv"] {
            #expect(refusal(words, .recorder) == "--output would write a file on the server; over SSH, redirect standard "
                    + "output instead (ssh HOST export > FILE)")
        }
        #expect(refusal("import /etc/passwd", .recorder) == "import reads CSV from standard input over SSH: import -")
        #expect(refusal("validate /etc/passwd", .viewer) == "validate reads standard input over SSH: validate -")
    }
}

@Suite struct FailureLimiterTests {
    @Test func anAddressThatFailsTooOftenIsTurnedAwayAndOthersAreNot() {
        let limiter = FailureLimiter(limit: 3)
        for _ in 0..<2 { limiter.recordFailure("192.0.2.1") }
        #expect(!limiter.check("192.0.2.1").blocked)
        limiter.recordFailure("192.0.2.1")
        // Turned away, and the refusal is logged once a window, not once a try.
        #expect(limiter.check("192.0.2.1") == (true, true))
        #expect(limiter.check("192.0.2.1") == (true, false))
        #expect(!limiter.check("192.0.2.2").blocked)
    }
}
