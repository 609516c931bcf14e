import HetaoDomain

/// The view models of the state's programme shown, remembered while that programme and its
/// reckoning stay the same: a lookup derived from the state, never a second source of truth.
/// The reducer and the view share one, so a frame reuses what the key's action computed.
public final class ViewModelMemo {
    private var last: ViewModelCache?

    public init() {}

    /// The cache for `state`: the one remembered when the state shows the same programme on
    /// the same reckoning (an unchanged programme compares by its storage, at once), else anew.
    public func callAsFunction(_ state: AppState) -> ViewModelCache {
        if let last, last.reckoning == state.live.reckoning, last.programme == state.shown { return last }
        let cache = ViewModelCache(programme: state.shown, reckoning: state.live.reckoning)
        last = cache
        return cache
    }
}
