/// What a person asks the dashboard to do, named by intent rather than by key.
public enum Action: Hashable, Sendable {
    case focus(Pane)
    case focusNextPane
    case focusPreviousPane
    case moveSelection(by: Int)
    case selectFirst
    case selectLast
    case sortByNextColumn
    case sortByPreviousColumn
    case reverseSort
    case sort(by: BuildingColumn)
    case beginFilter
    case typeInFilter(Character)
    case deleteFilterCharacter
    case commitFilter
    case clearFilter
    case openDetail
    case closeOverlay
    case showHelp
    case expand
    case collapse
    case expandAll
    case collapseAll
    case switchLanguage
    case quit
}
