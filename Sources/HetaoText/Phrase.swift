/// Every string the dashboard and the text reports show, as a key. Each language's table
/// (`English.swift`, `TraditionalChinese.swift`) gives its text; `{1}`, `{2}` … are filled in
/// order.
public enum Phrase: String, CaseIterable, Sendable {
    // Panes and their titles
    case appName, paneOverview, panePhases, paneBuildings, paneBudget, paneInstitutions, paneSchedule, scheduleDetail
    case keySchedulePane, keyZoomIn, keyZoomOut, hintZoom, keyPanEarlier, keyPanLater, scopeSchedule
    case phasesDetail, budgetDetail, institutionsDetail
    case buildingsAll, buildingsSome, buildingsFiltered, noBuildingMatches
    // Status bar and small screens
    case unreadableRecordOne, unreadableRecordMany, readOnlyStore, storeUnreachable, asOf, illustrativeLegend, staleLegend, filterPrompt
    case tooSmall, colourOff, languageNeedsUnicode, noActionHere, copied, clipboardOff, commandUnknown, commandNeeds, commandNoSuchDay, commandNoBuilding, commandCannotRecord, commandPrompt, noSearch, noSearchMatch, keySortChooser, keySortPick, hintSortPick, scopeSortChooser, sortChooserTitle, keySearch, searchPrompt, keyNextMatch, keyPreviousMatch
    // Help and keys
    case helpTitle, helpAnyCharacter, helpTypeIntoFilter, helpIllustrative, more
    case scopeEverywhere, scopeNavigation, scopeOverlay, scopeBuildings, scopeBudget, scopeFilter
    case keyQuit, hintQuit, keyHelp, hintHelp, keyNextPane, hintNextPane, keyPreviousPane
    case keyOverviewPane, keyPhasesPane, keyBuildingsPane, keyBudgetPane, keyInstitutionsPane
    case keyBack, hintBack, keyUp, hintMove, keyDown, keyPageUp, keyPageDown, keyFirst, keyLast, keyCopy, keyCommand, keyCommandRun, keyCommandClose, keyCommandComplete, keyCommandEarlier, keyCommandLater, hintCommandRun, hintCommandClose, hintCommandComplete, hintCommandHistory, scopeCommand
    case keyDetail, hintDetail, keyFilter, hintFilter, keySortNext, hintSort, keySortPrevious, keyReverse
    case keyClearFilter, keyExpand, hintExpand, keyCollapse, keyExpandAll, hintExpandAll, keyCollapseAll
    case keyKeepFilter, hintKeepFilter, hintClearFilter, keyDeleteCharacter, keyLanguage
    // Buildings table and summary
    case columnNumber, columnBuilding, columnOtherName, columnUse, columnStoreys, columnStatus, columnProgress
    case columnBaseline, columnForecast, columnSlip, columnBehind, columnLet, columnReported, points, behindPlan, behindPlanExplained, finishedLate
    case buildingNamed, placeholderLabel, summaryFacts, notApplicable, summaryCompletion, actualWord, forecastWord
    case lastReported, staleMark
    // Budget and institutions
    case columnIndices, columnAllocation, columnAmount, columnOfParent, columnYear, columnUnallocatedSpent, columnApprovedBy
    case unallocatedAmount, spentAmount, columnFiveMajor, columnInstitution, columnFunding, columnKind
    // Phases
    case timeline, overdue, byDate, builtOf, sites
    // Overview
    case siteArea, floorArea, floorAreaPhase1, floorAreaBothPhases, phasesFact, phasesCount, phaseBy
    case buildingsFact, buildingsCounts, buildingsPlanned, completeFact, openedFact, nextMilestoneFact, labsLetFact
    case headlineMoney, threeParks
    // Details
    case name, otherName, batch, use, storeys, status, progress, leased, slip, slipExplained, notPublished
    case milestones, baseline, forecast, actual, start, toppingOut, completion, note
    case historyHeading, historyMatching, progressTrend, shareLetTrend, spentTrend, historyNumber, historyAsOf, historyReported
    case historyBy, historySource, supersededBy, corrects, sources, notInDataset, reportStamp, staleSince
    case buildingTitle, placeholderTitle, recordID
    case amount, financialYear, approvedBy, shareOfParent, shareOfParentValue, subAllocated, unallocated
    case committed, spent, subAllocations
    case kind, field, fiveMajor, fiveMajorYes, no, established, location, funding
    case chineseName, shownInUTF8
    // Reports
    case reportTitleAsOf, reportDataAsOfLabel, reportIllustrativeNote, reportMarkdownAsOf, asOfDataset, asOfRecord, recordedIn, reportNetChanges, reportNetChangesIn, reportDerivedChanges, reportFigure, reportChangeRecords, reportRecords, reportRecordCount, reportCorrectedCount, reportWithdrawn, reportTableColumn, reportIllustrativeColumn, reportContinued
    case sectionOverview, sectionPhases, sectionBuildings, sectionBudget, sectionInstitutions, sectionSources
    case reportParks, reportAtAGlance, reportFigures, reportPhasesTitle, reportBatches, reportBudget, reportInstitutions
    case columnPark, columnRole, columnSource, columnMeasure, columnValue, columnFigure, columnUnit, columnConfidence
    case columnPhase, columnTarget, columnSummary, columnDelivery, columnSites, columnWhen, columnMilestone, columnState
    case columnVariance, columnExpectedOrActual, columnId, columnTitle, columnPublisher, columnDate, columnReference, columnURL
    case reportBuildingsListed, reportBuildingsWithStatus, reportPhaseCompletion, reportPlaceholder, reportNoneListed
    case reportDoneOf, achieved, expected, yes, reportKnownOn
    // Words
    case statusPlanned, statusUnderConstruction, statusToppedOut, statusCompleted
    case useWetLab, useDryLab, useTalentHousing, useDataCentre, useMixed
    case allocationEarmarked, allocationApproved
    case confidenceHigh, confidenceMedium, confidenceLow, confidenceIllustrative
    case kindInstitute, kindProgramme, kindPilotLine
    case days, shareLetValue, tenantsValue, eventValue
    // Recording
    case scopeForm, scopeRecordBuilding, scopeRecordAllocation
    case keyRecordProgress, hintRecord, keyRecordMilestone, keyRecordLeasing, keyRecordSpend
    case keyFormNext, keyFormPrevious, keyFormSave, keyFormCancel, keyFormLeft, keyFormRight, keyFormStart, keyFormEnd
    case keyFormDeleteBack, keyFormDeleteForward, keyFormDeleteToStart, keyFormDeleteWord, helpTypeIntoField
    case hintFormNext, hintFormSave, hintFormCancel, hintFormChoose
    case formTitleProgress, formTitleMilestone, formTitleLeasing, formTitleSpend, formFor
    case fieldPercent, fieldAsOf, fieldSource, fieldNote, fieldStatus, fieldEvent, fieldForecast, fieldActual
    case fieldShareLet, fieldTenants, fieldCommitted, fieldSpent, statusAsImplied, formRequiredMark
    case sessionAs, roleViewer, roleRecorder, roleAdmin, issueLine, issueError, issueWarning, issueUnknown, issueDidYouMean, issueBuilding, issueAllocation, issueMilestone
    case issueControlCharacter, issueImplausibleDate, issueDateInFuture, issueAsOfDate, issueForecastDate, issueActualDate
    case issueMissing, issueOutOfRange, issuePercentComplete, issueShareLet, issueSourceRequired, issueBelowLatest
    case issueNegativeTenants, issueNeedsEvent, issueForecastOrActual, issueCommittedOrSpent, issueNegativeMoney
    case issueImplausibleMoney, issueOverrunNeedsNote, issueOverrun, issueCommittedAbove, issueSpentAbove, issueNoRecord
    case issueAnotherThing, issueAlreadyCorrected, issueCommitted, issueSpent
    case formNotANumber, formNotADate, formNoSuchDay, keyCorrect, correctionNeedsDetail, nothingToCorrect, correctionChoice, fieldCorrects, formNotAnAmount, formNotWholeDollars, formTooLarge, formNotACount, formRequired
    case formConfirm, formFailed, formReadOnly, formNoStore, formViewerRole, recordSaved
    case earnedValueHeading, evmFunds, evmBAC, evmPV, evmEV, evmAC, evmSV, evmCV, evmSPI, evmCPI, evmEAC, evmEACBudget
    case sCurveHeading, sCurvePlanned, sCurveReported, evmETC, evmVAC, evmPlanned, evmShape, reportPVOn, reportBaselineStart, reportPlanned, sectionSchedule, sectionEVM, sectionChanges, reportFrom, reportTo
    case keyChanges, changesTitle, changesNone, changesFirstVisit, changesLine, changesBy, changesSinceMeeting, changesNoneSinceMeeting, changesCount, changesCountOne, changesCorrected, noMeetingMarked, keySwitchChangesSince, hintSwitchChangesSince, keyMarkMeeting, hintMarkMeeting, scopeChanges
    case formInThePast, nothingRecordedBefore, knownOnBanner, keyTravelBack, keyTravelForward, keyTravelNow
    case groupCompletion, groupBuildings, groupPlannedNow, groupReportedNow, groupSpan, groupCurveRule, groupNoPlan, groupCurveReading
    case briefTitle, briefPeriod, briefHeadline, briefAttention, briefMoney, briefOverall, briefOnTrack, briefWatch, briefAtRisk, briefLateCount, briefBehindCount, briefIndexReason, briefBuildingCounts, briefPhaseEnd, briefSlip, briefBehind, briefOverdue, briefDue, briefItem, briefWhat, briefApproved, briefNothingNeedsAttention, briefNoChanges, briefThresholds, briefGanttTitle, briefSCurveTitle, briefBudgetTitle, briefBaseline, briefForecast, briefToday, briefPlanned, briefReported, briefLate, briefGroupedByBatch, briefGroupedByPhase, briefAppendix, briefMore, briefVarianceHeading, briefExpected, briefAchieved, briefVeryLate, briefDone, briefMadeByOn, briefVariance, listSeparator, briefReasons, briefAttentionRule
}
