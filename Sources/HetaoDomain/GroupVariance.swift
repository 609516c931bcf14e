/// A phase's, a batch's or the programme's variance in days, by the one rule every output
/// uses: the group's latest end (each member's actual or forecast completion) against the
/// group's own dated end. A group with a published target (Phase 1 by 2030) is late only when
/// its members' latest end passes that target; a group without one is measured against its
/// members' latest baseline. A member that finished late is history: it moves the group only
/// when it is the group's last to finish.
extension Programme {
    /// Days late (positive) or early; nil when no member has an end date, or a group without a
    /// target has no baseline.
    public func variance(of members: [Building], target: DatedValue?) -> Int? {
        guard let latest = members.compactMap({ $0.completion.expected?.lastDay }).max() else { return nil }
        if let target { return max(0, target.lastDay.days(until: latest)) }
        guard let baseline = members.compactMap({ $0.completion.baseline?.lastDay }).max() else { return nil }
        return baseline.days(until: latest)
    }

    /// The members that have finished, and finished after their baseline: shown with the group
    /// as what happened, not as its variance.
    public func finishedLate(_ members: [Building]) -> [Building] {
        members.filter { $0.completion.actual != nil && ($0.slipDays ?? 0) > 0 }
    }
}
