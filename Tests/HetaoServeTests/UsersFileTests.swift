import Foundation
import HetaoAudit
import HetaoDomain
import HetaoServe
import NIOSSH
import Testing

@Suite struct UsersFileTests {
    static let alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHQbZ3M6Y5y8pY1G5n3r8jJ6mEXnT5v+3rNQm1qV0kQ8 alice@laptop"
    static let bob = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBx8wYt0o1b3kz6c0xkqA9n3hQm7sQ1P2yWf5o2oTz2q bob"

    private func problems(_ text: String) -> [String] {
        do {
            _ = try UsersFile.parse(Data(text.utf8), file: "users.yaml")
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func keysFindTheirUserAndRole() throws {
        let file = try UsersFile.parse(Data("""
        users:
          - name: alice
            role: recorder
            keys:
              - \(Self.alice)
          - name: bob
            role: viewer
            keys: [\(Self.bob)]
        """.utf8), file: "users.yaml")
        let alice = try NIOSSHPublicKey(openSSHPublicKey: Self.alice)
        #expect(file.user(for: alice)?.name == "alice" && file.user(for: alice)?.role == .recorder)
        #expect(file.user(for: try NIOSSHPublicKey(openSSHPublicKey: Self.bob))?.role == .viewer)
    }

    @Test func everyMistakeIsLocated() {
        #expect(problems("""
        users:
          - name: alice
            role: recoder
            keys:
              - ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ alice
          - name: bob
            rol: viewer
            keys:
              - not a key
          - name: alice
            role: viewer
            keys:
              - \(Self.bob)
        """) == [
            "users.yaml:3:11: unknown role 'recoder'; did you mean 'recorder'?",
            "users.yaml:5:9: ssh-rsa keys are not supported; use an ed25519 or ECDSA key (ssh-keygen -t ed25519)",
            "users.yaml:6:5: user 'bob' needs a role: viewer, recorder or admin",
            "users.yaml:7:5: unknown field 'rol' of a user; did you mean 'role'?",
            "users.yaml:9:9: not an OpenSSH public key (expected: ssh-ed25519 AAAA… comment)",
            "users.yaml:10:11: user 'alice' is listed twice",
        ])
        #expect(problems("users:\n  - name: a\n    role: viewer\n    keys: [\(Self.alice)]\n  - name: b\n    role: viewer\n    keys: [\(Self.alice)]\n")
            == ["users.yaml:7:12: this key is already a's; a key belongs to one user"])
        #expect(problems("") == ["users.yaml:1:1: the file is empty; expected users: with a name, role and keys for each"])
    }

    /// A certificate parses as a key but can never log in: refused where it stands.
    @Test func aCertificateLineIsRefusedByItsLine() {
        #expect(problems("users:\n  - name: a\n    role: viewer\n    keys:\n      - ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1 a\n")
            == ["users.yaml:5:9: ssh-ed25519-cert-v01@openssh.com is a certificate, which cannot log in here; "
                + "list the user's public key instead (the .pub file without -cert)"])
    }

    /// Removing a user's last key line is an edit that takes effect: no access, not an invalid file.
    @Test func aUserWithoutKeysHasNoAccess() throws {
        for keys in ["    keys: []\n", "    keys:\n", ""] {
            let file = try UsersFile.parse(Data("users:\n  - name: alice\n    role: recorder\n\(keys)  - name: bob\n    role: viewer\n    keys: [\(Self.bob)]\n".utf8),
                                           file: "users.yaml")
            #expect(file.user(for: try NIOSSHPublicKey(openSSHPublicKey: Self.alice)) == nil)
            #expect(file.user(for: try NIOSSHPublicKey(openSSHPublicKey: Self.bob))?.name == "bob")
        }
    }
}

@Suite struct HostKeyTests {
    @Test func aCreatedKeyIsPrivateAndLoadsBackTheSame() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-hostkey-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "state/ssh_host_ed25519_key").path
        let (created, isNew) = try HostKey.loadOrCreate(path: path)
        #expect(isNew)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN OPENSSH PRIVATE KEY-----\n") && text.hasSuffix("-----END OPENSSH PRIVATE KEY-----\n"))
        let (loaded, again) = try HostKey.loadOrCreate(path: path)
        #expect(!again && loaded.fingerprint == created.fingerprint && loaded.publicKey == created.publicKey)
        #expect(created.fingerprint.hasPrefix("SHA256:") && created.fingerprint.count == 50)
    }

    /// A private key others can read is refused, as OpenSSH refuses it, with the fix.
    @Test func aKeyOthersCanReadIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-hostkey-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "ssh_host_ed25519_key").path
        _ = try HostKey.loadOrCreate(path: path)
        for mode in [0o644, 0o640, 0o666] {
            chmod(path, mode_t(mode))
            #expect(throws: HostKey.LoadError.self) { try HostKey.load(path: path) }
            do { _ = try HostKey.load(path: path) } catch {
                #expect(error.description == "\(path): not a usable host key: it is readable by others (mode 0\(String(mode, radix: 8))); "
                        + "make it the service's alone: chmod 600 \(path)")
            }
        }
        chmod(path, 0o600)
        _ = try HostKey.load(path: path)
    }

    @Test func somethingElseIsRefusedWithTheReason() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "hetao-hostkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "key").path
        try "not a key\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        #expect(throws: HostKey.LoadError.self) { try HostKey.load(path: path) }
        do { _ = try HostKey.load(path: path) } catch {
            #expect(error.description == "\(path): not a usable host key: expected an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----)")
        }
    }
}
