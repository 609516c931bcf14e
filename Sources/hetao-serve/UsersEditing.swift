import ArgumentParser
import Foundation
import HetaoCommandLine
import HetaoDomain
import HetaoServe

extension UsersCommand.List: RunsHere {
    func runHere() throws {
        let users = try file.load()
        if users.users.isEmpty { return Console.out("no users: nobody can connect (hetao users add NAME --role viewer --key KEY)\n") }
        let width = users.users.map(\.name.count).max() ?? 0
        var text = ""
        for user in users.users {
            let keys = user.keys.isEmpty ? "no keys (no access)" : "\(user.keys.count) key\(user.keys.count == 1 ? "" : "s")"
            text += user.name.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + user.role.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + keys + "\n"
            for (index, key) in user.keys.enumerated() {
                let comment = index < user.comments.count ? user.comments[index] : ""
                text += "  \(HostKey.fingerprint(of: key))  \(VisibleText.escaped(comment))\n"
            }
        }
        Console.out(text)
    }
}

extension UsersCommand.Add: RunsHere {
    func runHere() throws {
        try file.change(.add(name: name, role: role.role, keys: key), saying: "added \(name) (\(role.role.rawValue))")
    }
}

extension UsersCommand.Remove: RunsHere {
    func runHere() throws { try file.change(.remove(name: name), saying: "removed \(name)") }
}

extension UsersCommand.SetRole: RunsHere {
    func runHere() throws { try file.change(.role(name: name, role: role.role), saying: "\(name) is now \(role.role.rawValue)") }
}

extension UsersCommand.Key.AddKey: RunsHere {
    func runHere() throws { try file.change(.addKey(name: name, key: key), saying: "added a key for \(name)") }
}

extension UsersCommand.Key.RemoveKey: RunsHere {
    func runHere() throws { try file.change(.removeKey(name: name, key: key), saying: "removed a key of \(name)") }
}

extension UsersFileOptions {
    /// `--users`, `HETAO_USERS`, or the config file's `serve: users:`.
    func path() throws -> String {
        if let users { return users }
        if let named = ProcessEnvironment.variables["HETAO_USERS"], !named.isEmpty { return named }
        if let configured = try UserConfig.load()?.serve.users?.value { return configured }
        Console.error("hetao: which users file? --users FILE, or users: under serve: in \(UserConfig.path)")
        throw ExitCode(64)
    }

    func load() throws -> UsersFile {
        do { return try UsersFile.load(path: try path()) } catch let error as UsersFile.Invalid {
            Console.error(error.description)
            throw ExitCode(78)
        }
    }

    /// Makes `change` under a lock (two administrators at once each see the other's change),
    /// replaces the file whole, and tells the server.
    func change(_ change: UsersFileEditor.Change, saying done: String) throws {
        // A symbolic link is followed: the file it names is the one edited, and stays linked.
        let path = URL(fileURLWithPath: try path()).resolvingSymlinksInPath().path
        let lockPath = (path as NSString).deletingLastPathComponent + "/." + (path as NSString).lastPathComponent + ".lock"
        let lock = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            Console.error("hetao: cannot change \(path): \(String(cString: strerror(errno))) (at \(lockPath))")
            throw ExitCode(73)
        }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        guard let data = FileManager.default.contents(atPath: path) else {
            Console.error("hetao: cannot read the users file \(path) (no such file, or no permission)")
            throw ExitCode(66)
        }
        try refuseLockingOut(change, in: data, file: path)
        let edited: String
        do { edited = try UsersFileEditor.apply(change, to: String(decoding: data, as: UTF8.self), file: path) } catch {
            Console.error("hetao: " + error.description)
            throw ExitCode(65)
        }
        do { try OutputFile.write(edited, to: path, keepingOwnership: true, stop: { false }) } catch {
            let reason = if case .cannotWrite(let why) = error { why } else { "stopped" }
            Console.error("hetao: cannot write \(path): \(reason); nothing was changed")
            throw ExitCode(73)
        }
        Console.out("hetao: \(done) in \(path)\n")
        try tellServer()
    }

    /// Over SSH an administrator cannot take away their own access (remove themselves, their
    /// last key, or their role): the connection they would need to undo it is the one that goes.
    private func refuseLockingOut(_ change: UsersFileEditor.Change, in data: Data, file: String) throws {
        guard ServeSession.isLive, let me = ProcessEnvironment.variables["HETAO_RECORDED_BY"],
              let users = try? UsersFile.parse(data, file: file), let mine = users.users.first(where: { $0.name == me }) else { return }
        let locksOut: Bool
        switch change {
        case .remove(let name): locksOut = name == me
        case .role(let name, let role): locksOut = name == me && role != .admin
        case .removeKey(let name, _): locksOut = name == me && mine.keys.count <= 1
        case .add, .addKey: locksOut = false
        }
        guard locksOut else { return }
        Console.error("hetao: that would take away your own access over SSH (\(me)); ask another administrator, "
                      + "or change it on the server's host")
        throw ExitCode(65)
    }

    /// Over SSH the server that started this session reloads at once; elsewhere, with
    /// `--reload`, the one in the pid file.
    private func tellServer() throws {
        if let server = ServeSession.server, ServeSession.isLive {
            kill(server, SIGHUP)
            return
        }
        guard reload else {
            return Console.out("hetao: a running hetao serve picks this up within two seconds (or now, with --reload)\n")
        }
        let pidPath = pidFile ?? (try? UserConfig.load()?.serve.pidFile?.value) ?? ServeCommand.defaultPidFile
        guard let text = try? String(contentsOfFile: pidPath, encoding: .utf8),
              let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, Self.isServe(pid) else {
            Console.error("hetao: no running hetao serve found through \(pidPath); it picks the change up within two seconds, "
                          + "or reload it yourself (systemctl reload hetao-serve)")
            throw ExitCode(69)
        }
        guard kill(pid, SIGHUP) == 0 else {
            Console.error("hetao: cannot signal hetao serve (pid \(pid)): \(String(cString: strerror(errno)))")
            throw ExitCode(77)
        }
        Console.out("hetao: hetao serve (pid \(pid)) reloaded the users\n")
    }

    /// The pid file may be stale and its number reused: only a `hetao serve` is signalled.
    private static func isServe(_ pid: pid_t) -> Bool {
        guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        let words = command.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return words.count > 0 && words[0].hasSuffix("hetao-serve") && words.dropFirst().first != "users"
    }
}
