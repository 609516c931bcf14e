import Foundation
import Glibc
import Testing
import TerminalKit
@testable import NcursesBackend

/// The real ncurses backend on a pseudo-terminal: what it writes, and how it reads keys.
/// ncurses is process-global state, so these run one at a time.
@Suite(.serialized) struct NcursesTerminalTests {
    /// A pseudo-terminal pair; the test plays the terminal on the master side.
    final class PseudoTerminal {
        var master: Int32 = -1
        var slave: Int32 = -1

        init(width: Int, height: Int) throws {
            var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
            guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        }

        /// Everything written to the terminal since the last drain. A marker written after it
        /// on the same side arrives after it, so reading up to the marker proves that nothing
        /// else was written, with no waiting on a clock.
        func drain() -> [UInt8] {
            let marker: [UInt8] = [0x01, 0x02, 0x68, 0x65, 0x74, 0x61, 0x6F, 0x03]
            _ = marker.withUnsafeBufferPointer { write(slave, $0.baseAddress, marker.count) }
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while !bytes.suffix(marker.count).elementsEqual(marker) {
                var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                guard poll(&ready, 1, 5_000) > 0 else {
                    Issue.record("the terminal's output never reached the marker")
                    return bytes
                }
                let n = read(master, &buffer, buffer.count)
                if n > 0 { bytes += buffer[0..<n] }
            }
            return Array(bytes.dropLast(marker.count))
        }

        func type(_ text: String) { _ = text.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, text.utf8.count) } }

        deinit {
            if master >= 0 { close(master) }
            if slave >= 0 { close(slave) }
        }
    }

    private func open(_ pty: PseudoTerminal, term: String = "xterm-256color", ascii: Bool = false) throws -> NcursesTerminal {
        setenv("TERM", term, 1)
        setenv("LC_ALL", "C.UTF-8", 1)
        return try NcursesTerminal(asciiOnly: ascii, theme: .dark, input: pty.slave, output: pty.slave)
    }

    private func grid(_ size: Size, _ text: String) -> Grid {
        var grid = Grid(size: size)
        grid.put(text, x: 0, y: 0)
        return grid
    }

    @Test func writesOnlyWhatChangedAndNothingForAnUnchangedFrame() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        let terminal = try open(pty)
        #expect(terminal.size == Size(width: 40, height: 10))
        _ = pty.drain()
        terminal.present(grid(terminal.size, "Hetao 濕實驗室 42%"))
        let first = pty.drain()
        #expect(String(decoding: first, as: UTF8.self).contains("濕實驗室"))
        terminal.present(grid(terminal.size, "Hetao 濕實驗室 42%"))
        #expect(pty.drain().isEmpty)
        terminal.present(grid(terminal.size, "Hetao 濕實驗室 43%"))
        let change = pty.drain()
        #expect(!change.isEmpty && change.count < 40)
        terminal.restore()
    }

    @Test func readsKeysAndNoticesWhenTheTerminalGoesAway() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        let terminal = try open(pty)
        pty.type("\u{1B}OB")  // xterm in keypad-transmit mode
        #expect(terminal.nextEvent(timeoutMilliseconds: 500, wakingOn: []) == .key(.down))
        pty.type("q")
        #expect(terminal.nextEvent(timeoutMilliseconds: 500, wakingOn: []) == .key(.character("q")))
        pty.type("\t")
        #expect(terminal.nextEvent(timeoutMilliseconds: 500, wakingOn: []) == .key(.tab))
        #expect(terminal.nextEvent(timeoutMilliseconds: 50, wakingOn: []) == .timeout)
        // Closing the master side is what a dropped SSH connection looks like to the program.
        close(pty.master)
        pty.master = -1
        var event = InputEvent.timeout
        for _ in 0..<20 where event == .timeout { event = terminal.nextEvent(timeoutMilliseconds: 200, wakingOn: []) }
        #expect(event == .terminated(.inputClosed))
        terminal.restore()
    }

    @Test func ctrlSReachesTheDashboardInsteadOfFreezingItAndTheShellGetsFlowControlBack() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        var before = termios()
        tcgetattr(pty.slave, &before)
        #expect(before.c_iflag & tcflag_t(IXON) != 0)
        let terminal = try open(pty)
        var during = termios()
        tcgetattr(pty.slave, &during)
        #expect(during.c_iflag & tcflag_t(IXON) == 0)
        pty.type("\u{13}")
        #expect(terminal.nextEvent(timeoutMilliseconds: 500, wakingOn: []) == .key(.control("s")))
        _ = pty.drain()
        terminal.present(grid(terminal.size, "still drawing"))
        #expect(String(decoding: pty.drain(), as: UTF8.self).contains("still drawing"))
        terminal.restore()
        var after = termios()
        tcgetattr(pty.slave, &after)
        #expect(after.c_iflag & tcflag_t(IXON) != 0)
    }

    @Test func ctrlBackslashEndsTheDashboardThroughTheSameTearDown() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        let terminal = try open(pty)
        kill(getpid(), SIGQUIT)
        #expect(terminal.nextEvent(timeoutMilliseconds: 500, wakingOn: []) == .terminated(.quit))
        terminal.restore()
    }

    @Test func waitsWithoutATimeLimitUntilAKeyOrTheWatchedDescriptor() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        let terminal = try open(pty)
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]); close(ends[1]) }
        let writer = ends[1]
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { _ = write(writer, "x", 1) }
        #expect(terminal.nextEvent(timeoutMilliseconds: nil, wakingOn: [ends[0]]) == .wake)
        var byte: UInt8 = 0
        _ = read(ends[0], &byte, 1)
        pty.type("j")
        #expect(terminal.nextEvent(timeoutMilliseconds: nil, wakingOn: [ends[0]]) == .key(.character("j")))
        #expect(terminal.nextEvent(timeoutMilliseconds: 50, wakingOn: [ends[0]]) == .timeout)
        terminal.restore()
    }

    @Test func refusesTerminalsThatCannotDrawADashboard() throws {
        let pty = try PseudoTerminal(width: 40, height: 10)
        #expect(throws: TerminalError.noCursorAddressing("dumb")) { try open(pty, term: "dumb") }
        #expect(throws: TerminalError.unknownTerminalType("no-such-terminal-xyz")) { try open(pty, term: "no-such-terminal-xyz") }
        let pipe = Pipe()
        #expect(throws: TerminalError.notATerminal) {
            try NcursesTerminal(asciiOnly: false, theme: nil, input: pipe.fileHandleForReading.fileDescriptor,
                                output: pipe.fileHandleForWriting.fileDescriptor)
        }
    }
}
