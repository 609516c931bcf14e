import Foundation
import HetaoDomain
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// One SSH session channel: gathers what the client asks for (a terminal, its size, `LANG` and
/// `LC_*`), decides by the user's role what may run (`SessionPolicy`), runs `hetao` in its own
/// process, relays bytes both ways, follows window changes, and ends with the process's exit
/// status. Confined to its channel's event loop.
final class SessionHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    private struct Terminal {
        var type: String
        var columns: Int
        var rows: Int
    }

    private let settings: ServeSettings
    private let identity: ConnectionIdentity
    private let registry: SessionRegistry
    private let log: Logger
    private var context: ChannelHandlerContext?
    private var terminal: Terminal?
    private var environment: [String: String] = [:]
    private var child: ChildProcess?
    /// The relay that carries the client's input to the process (the pty, or its stdin pipe).
    private var input: Channel?
    /// Every relay from the process (its pty, or its stdout and stderr pipes): paused while the
    /// client's window is closed, so a client that stops reading slows the process instead of
    /// growing the server.
    private var relays: [Channel] = []
    private var openRelays = 0
    /// What goes to the client, in order and whole.
    private var out: ChannelOutput?
    private var exitStatus: Int32?
    private var finished = false
    /// At most this many locale variables a session, each name and value at most this long.
    static let mostVariables = 32
    static let largestVariable = 256
    /// An ignored variable is logged once a session, not once a request.
    private var toldOfIgnoredVariables = false

    /// Said to the client when the session ends because the server ended it.
    private var goodbyeMessage: String?
    private var lastInput = NIODeadline.now()
    private var idleCheck: RepeatedTask?
    private var started = Date()
    private var words: [String] = []

    init(settings: ServeSettings, identity: ConnectionIdentity, registry: SessionRegistry, log: Logger) {
        self.settings = settings
        self.identity = identity
        self.registry = registry
        self.log = log
    }

    private var id: ObjectIdentifier { ObjectIdentifier(self) }
    /// Who the session is: kept from its start, so its end is logged by name after the
    /// connection's access has been withdrawn.
    private var sessionUser: String?
    private var userName: String { sessionUser ?? identity.user?.name ?? "?" }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        out = ChannelOutput(channel: context.channel, watch: identity.transport,
                            resumed: { [weak self] in self?.pauseRelays(false) },
                            failed: { [weak self] error in self?.outputFailed(error) })
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            let type = request.term.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.+".contains($0)) }
            terminal = Terminal(type: type.isEmpty ? "vt100" : type, columns: request.terminalCharacterWidth,
                                rows: request.terminalRowHeight)
            reply(request.wantReply, true)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            // The locale only, and a little of it: nothing else a client sends may reach the
            // process, and no client can grow the server's memory by asking.
            let accepted = (request.name == "LANG" || request.name.hasPrefix("LC_"))
                && request.name.utf8.count <= Self.largestVariable && request.value.utf8.count <= Self.largestVariable
                && request.value.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }
                && (environment[request.name] != nil || environment.count < Self.mostVariables)
            if accepted {
                environment[request.name] = request.value
            } else if !toldOfIgnoredVariables {
                toldOfIgnoredVariables = true
                log.notice("environment ignored", metadata: ["remote": "\(identity.remote)", "user": "\(userName)",
                                                             "reason": "only LANG and LC_*, at most \(Self.mostVariables) of \(Self.largestVariable) bytes"])
            }
            reply(request.wantReply, accepted)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            terminal?.columns = request.terminalCharacterWidth
            terminal?.rows = request.terminalRowHeight
            child?.resize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
        case let request as SSHChannelRequestEvent.ShellRequest:
            start([], wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            do {
                start(try CommandWords.split(request.command), wantReply: request.wantReply)
            } catch {
                refuse("cannot read the command: \(error)", status: 2, wantReply: request.wantReply)
            }
        case let request as SSHChannelRequestEvent.SubsystemRequest where request.subsystem.hasSuffix(PacketRepair.requestSuffix):
            // A request of another kind (`x11-req` from ssh -X): refused, and the session goes on.
            log.notice("request refused", metadata: ["remote": "\(identity.remote)", "user": "\(userName)",
                                                     "request": "\(request.subsystem.dropLast(PacketRepair.requestSuffix.count))"])
            reply(request.wantReply, false)
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            log.notice("subsystem refused", metadata: ["remote": "\(identity.remote)", "user": "\(userName)",
                                                       "subsystem": "\(request.subsystem)"])
            reply(request.wantReply, false)
        case let event as ChannelEvent where event == .inputClosed:
            // The client's input ended: so does the command's.
            if terminal == nil { input?.close(mode: .output, promise: nil) }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ wanted: Bool, _ success: Bool) {
        guard wanted, let context else { return }
        context.channel.triggerUserOutboundEvent(success ? ChannelSuccessEvent() as Any & Sendable : ChannelFailureEvent(),
                                                 promise: nil)
    }

    // MARK: Running hetao

    private func start(_ words: [String], wantReply: Bool) {
        guard child == nil, !finished, let context, let user = identity.user else { return reply(wantReply, false) }
        sessionUser = user.name
        self.words = words
        if words == [SessionPolicy.whoami] { return tellWhoAmI(user, wantReply: wantReply) }
        let plan: SessionPlan
        switch SessionPolicy.plan(words, role: user.role) {
        case .success(let decided): plan = decided
        case .failure(let refusal): return refuse(refusal.description, status: 126, wantReply: wantReply)
        }
        let goodbye: @Sendable (String) -> Void = { [weak self, loop = context.eventLoop] message in
            let handler = self
            loop.execute { handler?.goodbye(message) }
        }
        switch registry.admit(id, user: user.name, connection: ObjectIdentifier(identity), limits: settings, goodbye: goodbye) {
        case .admitted: break
        case .serverFull(let limit):
            return refuse("the server is full (\(limit) session\(limit == 1 ? "" : "s")); try again later", status: 1,
                          wantReply: wantReply)
        case .userFull(let limit):
            return refuse("\(user.name) already has \(limit) session\(limit == 1 ? "" : "s") open; close one first", status: 1,
                          wantReply: wantReply)
        case .stopping:
            return refuse("the server is stopping", status: 1, wantReply: wantReply)
        }
        var arguments = plan.arguments
        if plan.isDashboard && user.role == .viewer { arguments.append("--read-only") }
        var environment = self.environment
        environment["PATH"] = "/usr/bin:/bin"
        environment["HOME"] = ProcessEnvironment.variables["HOME"] ?? "/"
        environment["HETAO_STORE"] = settings.storePath
        environment["HETAO_RECORDED_BY"] = user.name
        environment["HETAO_ROLE"] = user.role.rawValue
        environment["HETAO_USERS"] = settings.usersPath
        if let logPath = settings.logPath { environment["HETAO_AUDIT_LOG"] = logPath }
        // Times are shown in the server's zone: the one the service is set to, not the client's.
        if let zone = ProcessEnvironment.variables["TZ"] { environment["TZ"] = zone }
        if let terminal { environment["TERM"] = terminal.type }
        do {
            let process: ChildProcess
            if let terminal {
                process = try ChildProcess.onTerminal(settings.executable, arguments, environment: environment,
                                                      columns: terminal.columns, rows: terminal.rows)
            } else {
                process = try ChildProcess.withPipes(settings.executable, arguments, environment: environment)
            }
            child = process
            relay(process, on: context)
            process.whenExited { [weak self, loop = context.eventLoop] status in
                let handler = self
                loop.execute { handler?.exited(status) }
            }
        } catch {
            registry.remove(id)
            return refuse("\(error)", status: 1, wantReply: wantReply)
        }
        started = Date()
        log.info("session start", metadata: ["user": "\(user.name)", "remote": "\(identity.remote)",
                                             "command": "\(words.isEmpty ? "(dashboard)" : words.joined(separator: " "))",
                                             "terminal": "\(terminal.map { "\($0.type) \($0.columns)x\($0.rows)" } ?? "none")"])
        if let idle = settings.idleTimeout {
            let every = TimeAmount.seconds(Int64(max(1, min(idle, 5))))
            idleCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { [weak self] _ in
                self?.checkIdle(limit: idle)
            }
        }
        reply(wantReply, true)
    }

    /// Pipe channels for the process's terminal or pipes, relaying to this session.
    private func relay(_ process: ChildProcess, on context: ChannelHandlerContext) {
        let loop = context.eventLoop
        func bootstrap(_ type: SSHChannelData.DataType) -> NIOPipeBootstrap {
            NIOPipeBootstrap(group: loop)
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .channelInitializer { [weak self] channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(RelayHandler(session: self, type: type))
                    }
                }
        }
        var futures: [EventLoopFuture<Channel>] = []
        if let terminal = process.terminal {
            futures.append(bootstrap(.channel).takingOwnershipOfDescriptor(inputOutput: terminal))
        } else if let pipes = process.pipes {
            futures.append(bootstrap(.channel).takingOwnershipOfDescriptors(input: pipes.output, output: pipes.input))
            futures.append(bootstrap(.stdErr).takingOwnershipOfDescriptor(input: pipes.error))
        }
        openRelays = futures.count
        for (index, future) in futures.enumerated() {
            future.whenComplete { [weak self] result in
                guard let self else { return }
                switch result {
                case .success(let channel):
                    if index == 0 { self.input = channel }
                    self.relays.append(channel)
                    if self.out?.isBackedUp == true { self.pauseRelays(true) }
                case .failure: self.relayClosed()
                }
            }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard message.type == .channel, case .byteBuffer(let bytes) = message.data else { return }
        lastInput = .now()
        guard let input else { return }
        input.writeAndFlush(bytes, promise: nil)
        // A process that does not read its input closes the client's window, not the server's memory.
        if !input.isWritable { _ = context.channel.setOption(ChannelOptions.autoRead, value: false) }
    }

    /// Output that could not reach the client: the session's process is ended (its output has
    /// nowhere to go), the audit log says so, and the connection is dropped, so that the client
    /// sees a failure, never a short output with status 0.
    private func outputFailed(_ error: Error) {
        log.warning("output not delivered", metadata: ["remote": "\(identity.remote)", "user": "\(userName)", "error": "\(error)"])
        if exitStatus == nil { child?.signal(SIGHUP) }
        context?.channel.parent?.close(promise: nil)
    }

    /// The process reads its input again: so does the session.
    func inputWritable() {
        guard let context, input?.isWritable == true else { return }
        _ = context.channel.setOption(ChannelOptions.autoRead, value: true)
        context.channel.read()
    }

    /// Output of the process, to the client, held back while the client's window is closed.
    func output(_ bytes: ByteBuffer, type: SSHChannelData.DataType) {
        guard let out else { return }
        out.send(SSHChannelData(type: type, data: .byteBuffer(bytes)))
        if out.isBackedUp { pauseRelays(true) }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        pauseRelays(out?.isBackedUp ?? false)
        context.fireChannelWritabilityChanged()
    }

    private func pauseRelays(_ paused: Bool) {
        for relay in relays {
            _ = relay.setOption(ChannelOptions.autoRead, value: !paused)
            if !paused { relay.read() }
        }
    }

    func relayClosed() {
        openRelays -= 1
        finishIfDone()
    }

    private func exited(_ status: Int32) {
        exitStatus = status
        finishIfDone()
        holdNoLongerThanASecond()
    }

    /// A process that left the terminal open behind it (a child of its own) does not hold the
    /// session; output held back for a slow client is still on its way, and is waited for.
    private func holdNoLongerThanASecond() {
        context?.eventLoop.scheduleTask(in: .seconds(1)) { [weak self] in
            guard let self, !self.finished, self.context != nil else { return }
            guard self.out?.isBackedUp != true else { return self.holdNoLongerThanASecond() }
            self.openRelays = 0
            self.finishIfDone()
        }
    }

    private func finishIfDone() {
        guard let status = exitStatus, openRelays <= 0, !finished, context != nil else { return }
        finished = true
        idleCheck?.cancel()
        registry.remove(id)
        if let goodbyeMessage { say(goodbyeMessage) }
        log.info("session end", metadata: ["user": "\(userName)", "status": "\(status)",
                                           "seconds": "\(Int(Date().timeIntervalSince(started)))"])
        // The transport would send the status at once, ahead of output still waiting for the
        // client's window: it goes in the queue, after the last byte.
        out?.sendExitStatus(Int(status))
        out?.closeWhenSent()
    }

    /// A one-line message on the client's standard error, then the status, then the end.
    private func refuse(_ message: String, status: Int32, wantReply: Bool) {
        log.notice("session refused", metadata: ["remote": "\(identity.remote)", "user": "\(userName)",
                                                 "command": "\(words.joined(separator: " "))", "reason": "\(message)"])
        reply(wantReply, true)
        // The message may quote what the client sent: never back to its terminal raw.
        say("hetao serve: " + VisibleText.escaped(message))
        exitStatus = status
        openRelays = 0
        finishIfDone()
    }

    /// `ssh host whoami`: the name, role and key fingerprint this connection is, on standard output.
    private func tellWhoAmI(_ user: ServeUser, wantReply: Bool) {
        guard let context else { return }
        reply(wantReply, true)
        let line = "\(user.name) \(user.role.rawValue) \(identity.key.map(HostKey.fingerprint(of:)) ?? "")\n"
        var buffer = context.channel.allocator.buffer(capacity: line.utf8.count)
        buffer.writeString(line)
        out?.send(SSHChannelData(type: .channel, data: .byteBuffer(buffer)))
        log.info("whoami", metadata: ["remote": "\(identity.remote)", "user": "\(user.name)"])
        exitStatus = 0
        openRelays = 0
        finishIfDone()
    }

    private func say(_ message: String) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: message.utf8.count + 2)
        buffer.writeString((terminal == nil ? "" : "\r\n") + message + (terminal == nil ? "\n" : "\r\n"))
        out?.send(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer)))
    }

    /// The server is stopping: the process is asked to end (a dashboard restores the terminal),
    /// and the session closes with a goodbye when it has.
    func goodbye(_ message: String) {
        goodbyeMessage = message
        if let child, exitStatus == nil { child.signal(SIGTERM) } else if child == nil { context?.close(promise: nil) }
    }

    private func checkIdle(limit: Int) {
        guard exitStatus == nil, NIODeadline.now() - lastInput > .seconds(Int64(limit)) else { return }
        log.info("session idle", metadata: ["user": "\(userName)", "seconds": "\(limit)"])
        say("hetao serve: no input for \(limit) s; closing the session.")
        child?.signal(SIGHUP)
    }

    func channelInactive(context: ChannelHandlerContext) {
        // The client went away: the process is hung up as a dropped connection would.
        if exitStatus == nil, let child {
            input?.close(promise: nil)
            child.signal(SIGHUP)
            log.info("session closed by the client", metadata: ["user": "\(userName)"])
        }
        idleCheck?.cancel()
        registry.remove(id)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A client that closes its connection without closing the channel first is not an error.
        if (error as? NIOSSHError)?.type != .tcpShutdown {
            log.warning("session error", metadata: ["user": "\(userName)", "error": "\(error)"])
        }
        context.close(promise: nil)
    }
}

/// Carries a process's output (its terminal, standard output or standard error) to its session.
final class RelayHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private weak var session: SessionHandler?
    private let type: SSHChannelData.DataType

    init(session: SessionHandler?, type: SSHChannelData.DataType) {
        self.session = session
        self.type = type
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session?.output(unwrapInboundIn(data), type: type)
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { session?.inputWritable() }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed { context.close(promise: nil) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        session?.relayClosed()
    }

    /// A pty's master reads EIO once the process has gone: the end of its output.
    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}
