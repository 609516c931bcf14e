import Foundation
import HetaoAudit
import HetaoDomain
import HetaoServe
import NIOSSH
import Testing

@Suite struct UsersFileEditorTests {
    static let alice = UsersFileTests.alice
    static let bob = UsersFileTests.bob
    static let carol = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOmW3b8v0f2pQvR8gk6Yc4m5n2L1xS9tZ0aB7dE3fG6h carol@desk"

    static let file = """
    # Who may connect.
    users:
      # the programme office
      - name: alice
        role: recorder   # may record
        keys:
          - \(alice)

      - name: bob
        role: viewer
        keys:
          - \(bob)
    """

    private func apply(_ change: UsersFileEditor.Change, to text: String = file) throws(UsersFileEditor.Refusal) -> String {
        try UsersFileEditor.apply(change, to: text, file: "users.yaml")
    }

    private func refusal(_ change: UsersFileEditor.Change, to text: String = file) -> String? {
        do {
            _ = try apply(change, to: text)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func aNewUserGoesAtTheEndInTheFilesOwnLayout() throws {
        let edited = try apply(.add(name: "carol", role: .admin, keys: [Self.carol]))
        #expect(edited == Self.file + "\n" + """
          - name: carol
            role: admin
            keys:
              - \(Self.carol)
        """)
        let users = try UsersFile.parse(Data(edited.utf8), file: "users.yaml")
        #expect(users.users.map(\.name) == ["alice", "bob", "carol"])
        #expect(users.user(for: try NIOSSHPublicKey(openSSHPublicKey: Self.carol))?.role == .admin)
    }

    @Test func theFirstUserReplacesAnEmptyList() throws {
        let edited = try apply(.add(name: "alice", role: .viewer, keys: [Self.alice]), to: "# nobody yet\nusers: []   # add below\n")
        #expect(edited == """
        # nobody yet
        users:   # add below
          - name: alice
            role: viewer
            keys:
              - \(Self.alice)

        """)
    }

    @Test func removingAUserTakesTheirLinesAndTheCommentAboveThemOnly() throws {
        let edited = try apply(.remove(name: "alice"))
        #expect(edited == """
        # Who may connect.
        users:

          - name: bob
            role: viewer
            keys:
              - \(Self.bob)
        """)
        #expect(try apply(.remove(name: "bob"), to: edited).hasSuffix("users: []\n"))
    }

    @Test func aRoleChangesInPlaceKeepingTheComment() throws {
        let edited = try apply(.role(name: "alice", role: .viewer))
        #expect(edited.contains("    role: viewer   # may record\n"))
        #expect(edited.replacingOccurrences(of: "role: viewer   # may", with: "role: recorder   # may") == Self.file)
    }

    @Test func keysAreAddedUnderTheLastAndRemovedByTextOrFingerprint() throws {
        let added = try apply(.addKey(name: "bob", key: Self.carol))
        #expect(added == Self.file + "\n      - \(Self.carol)")
        let fingerprint = HostKey.fingerprint(of: try NIOSSHPublicKey(openSSHPublicKey: Self.carol))
        #expect(try apply(.removeKey(name: "bob", key: fingerprint), to: added) == Self.file)
        // The last key goes: the user stays, with no access.
        let keyless = try apply(.removeKey(name: "bob", key: Self.bob))
        #expect(keyless.hasSuffix("    role: viewer\n    keys: []"))
        #expect(try UsersFile.parse(Data(keyless.utf8), file: "users.yaml").users.last?.keys == [])
        #expect(try apply(.addKey(name: "bob", key: Self.bob), to: keyless).hasSuffix("    keys:\n      - \(Self.bob)"))
    }

    @Test func aCommentThatYAMLWouldMisreadIsQuoted() throws {
        let key = Self.carol.replacingOccurrences(of: "carol@desk", with: "carol: desk #2")
        let edited = try apply(.addKey(name: "bob", key: key))
        #expect(edited.hasSuffix("      - \"\(key)\""))
        #expect(try UsersFile.parse(Data(edited.utf8), file: "users.yaml").users.last?.comments.last == "carol: desk #2")
    }

    @Test func mistakesAreRefusedWithTheFixAndNothingWritten() {
        #expect(refusal(.remove(name: "alicee")) == "no user named 'alicee'; did you mean alice?")
        #expect(refusal(.add(name: "bob", role: .viewer, keys: [])) == "bob is already a user")
        #expect(refusal(.add(name: "dave", role: .viewer, keys: [Self.alice])) == "this key is already alice's")
        #expect(refusal(.addKey(name: "alice", key: Self.alice)) == "alice already has this key")
        #expect(refusal(.add(name: "eve smith", role: .viewer, keys: []))?.contains("letters, digits and . _ - @ only") == true)
        #expect(refusal(.addKey(name: "bob", key: "ssh-rsa AAAAB3NzaC1yc2E bob"))?.hasPrefix("ssh-rsa keys are not supported") == true)
        #expect(refusal(.removeKey(name: "bob", key: "SHA256:nothing"))?.hasPrefix("bob has no key SHA256:nothing") == true)
        #expect(refusal(.remove(name: "bob"), to: "users:\n  - name: bob\n    role: viewr\n")?
            .hasPrefix("users.yaml has problems; fix them first:\nusers.yaml:3:11: unknown role 'viewr'") == true)
    }

    @Test func aWindowsFileKeepsItsLineEndings() throws {
        let windows = Self.file.replacingOccurrences(of: "\n", with: "\r\n")
        let edited = try apply(.role(name: "bob", role: .admin), to: windows)
        let unix = try apply(.role(name: "bob", role: .admin))
        #expect(edited == unix.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(try apply(.remove(name: "alice"), to: windows).contains("\r\n  - name: bob\r\n"))
    }

    @Test func linesThatBelongToAUserStayWithThem() throws {
        // Alice's old key, commented out, is hers; the comment above Bob is his.
        let file = """
        users:
          - name: alice
            role: recorder
            keys:
              - \(Self.alice)
              # - ssh-ed25519 AAAAold alice@oldlaptop (disabled)
          # Bob is a contractor
          - name: bob
            role: viewer
            keys:
              - \(Self.bob)
        """
        let withoutBob = try apply(.remove(name: "bob"), to: file)
        #expect(withoutBob.hasSuffix("alice@oldlaptop (disabled)") && !withoutBob.contains("contractor"))
        let withoutAlice = try apply(.remove(name: "alice"), to: file)
        #expect(withoutAlice.hasPrefix("users:\n  # Bob is a contractor\n  - name: bob") && !withoutAlice.contains("oldlaptop"))
        // A key folded onto a second line keeps its comment; a new user goes after it.
        let folded = "users:\n  - name: alice\n    role: viewer\n    keys:\n      - \(Self.alice.replacingOccurrences(of: " alice@laptop", with: ""))\n        alice@laptop\n"
        let added = try apply(.add(name: "carol", role: .viewer, keys: [Self.carol]), to: folded)
        let users = try UsersFile.parse(Data(added.utf8), file: "users.yaml").users
        #expect(users.map(\.comments) == [["alice@laptop"], ["carol@desk"]])
        let keyAdded = try UsersFile.parse(Data(try apply(.addKey(name: "alice", key: Self.carol), to: folded).utf8), file: "users.yaml")
        #expect(keyAdded.users[0].comments == ["alice@laptop", "carol@desk"])
    }

    @Test func whatYAMLWouldReadOtherwiseIsQuoted() throws {
        let tabbed = Self.carol.replacingOccurrences(of: " carol@desk", with: " tab\t#x")
        let edited = try apply(.addKey(name: "bob", key: tabbed), to: Self.file)
        #expect(try UsersFile.parse(Data(edited.utf8), file: "users.yaml").users.last?.comments.last == "tab\t#x")
        let at = try apply(.add(name: "@bob", role: .viewer, keys: []), to: Self.file)
        #expect(try UsersFile.parse(Data(at.utf8), file: "users.yaml").users.last?.name == "@bob")
    }

    @Test func aFlowStyleFileIsRefusedWithWhatToDo() {
        let flow = "users:\n  - {name: alice, role: viewer, keys: [\(Self.alice)]}\n"
        #expect(refusal(.role(name: "alice", role: .admin), to: flow)
            == "users.yaml: write users: as a list, one user a block and one key a line, to change it with hetao users")
    }

    @Test func theAuditSeesEveryChangeHoweverTheFileWasEdited() throws {
        let before = try UsersFile.parse(Data(Self.file.utf8), file: "users.yaml")
        var edited = try apply(.remove(name: "alice"))
        edited = try apply(.role(name: "bob", role: .recorder), to: edited)
        edited = try apply(.addKey(name: "bob", key: Self.carol), to: edited)
        edited = try apply(.add(name: "dave", role: .viewer, keys: []), to: edited)
        let after = try UsersFile.parse(Data(edited.utf8), file: "users.yaml")
        let carol = HostKey.fingerprint(of: try NIOSSHPublicKey(openSSHPublicKey: Self.carol))
        #expect(after.changes(since: before).map { "\($0.event) \($0.user): \($0.detail)" } == [
            "user removed alice: recorder", "role changed bob: viewer to recorder", "key added bob: \(carol)",
            "user added dave: viewer, 0 keys",
        ])
    }
}
