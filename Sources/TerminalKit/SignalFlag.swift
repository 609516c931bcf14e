import Glibc

/// The last terminating signal received. Written only by the signal handler, read by the run
/// loop between waits: a single aligned word, which is what a handler may safely touch.
nonisolated(unsafe) private var receivedSignal: sig_atomic_t = 0

/// Routes SIGINT, SIGQUIT (`Ctrl-\`), SIGTERM and SIGHUP to a flag the run loop polls, so
/// that every way out goes through the same tear-down that restores the terminal. Long work on
/// the command line (an import, an export) polls it too, to stop with nothing written.
public enum SignalFlag {
    /// Installs the handlers; a signal from before (an earlier terminal of this process) is forgotten.
    public static func install() {
        receivedSignal = 0
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { receivedSignal = $0 }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: a blocked read returns, and the loop sees the flag
            sigaction(signal, &action, nil)
        }
    }

    /// The reason to stop, if a signal arrived.
    public static var pending: Int32? {
        let value = receivedSignal
        return value == 0 ? nil : value
    }

    /// Gives the signals back their default actions.
    public static func uninstall() {
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP] { Glibc.signal(signal, SIG_DFL) }
    }
}
