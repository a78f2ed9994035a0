package bot

import (
	"fmt"
	"regexp"
	"strings"
)

// Callback data is a typed, versioned payload of at most 64 bytes holding
// ids only: "1:<action>:<arg>:<arg>…". Anything that does not decode to a
// known action with the right arguments is answered "this button has expired".
// It is never trusted: every handler authorizes the press on the server.

const payloadVersion = "1"

// action names a button handler.
type action string

// The actions. Short codes keep payloads small.
const (
	actLang       action = "l"  // lang
	actConsent    action = "c"  // lang, y|n, invite code or "-"
	actMenu       action = "m"  // menu item
	actMyData     action = "d"  // -
	actForget     action = "f"  // ask|yes|no
	actInvite     action = "i"  // invite kind
	actMembers    action = "ml" // page
	actMember     action = "mc" // member id, page
	actSetRole    action = "mr" // member id, role letter, page
	actBcAudience action = "ba" // audience kind
	actBcPick     action = "bp" // audience kind, ref (activity/event id or language)
	actBcLang     action = "bl" // draft key, language to write
	actBcPreview  action = "bv" // draft key
	actBcSend     action = "bs" // draft key
	actBcCancel   action = "bx" // draft key
	actBcTexts    action = "bt" // draft key: back from the preview to the versions

	// Activities (/activities, /newactivity, /count).
	actActFollow       action = "af" // activity id, on|off|stop
	actActList         action = "al" // -
	actActOpen         action = "ao" // activity id
	actActDates        action = "ad" // activity id
	actActEdit         action = "ae" // activity id
	actActArchive      action = "ax" // activity id, ask|yes
	actActFlow         action = "an" // step op, value
	actMeeting         action = "am" // activity id, slot (unix seconds)
	actMeetingOp       action = "mo" // activity id, slot, cancel|move|restore
	actMeetingNoReason action = "mn" // -
	actHeadCount       action = "hc" // activity id, slot, open|adult|child|first|undo|done
	actFlowCancel      action = "fx" // -
	actRevoke          action = "ir" // invite code

	// Ask us (issue 11)
	actAskReply   action = "ar" // item id
	actAskDone    action = "ak" // item id
	actAskHistory action = "ah" // member id
	actAskMute    action = "au" // member id, 1|0

	// Shifts (issue 8): /shifts, /myshifts, /profile, /staffing, /volunteers, /newshift.
	actShiftList     action = "sl" // -
	actShiftSignUp   action = "ss" // shift id, slot (unix seconds)
	actShiftCover    action = "sc" // shift id, slot: a cover offer or staffing alert
	actShiftMine     action = "sm" // -
	actShiftWithdraw action = "sw" // shift id, slot
	actShiftCalendar action = "sk" // -
	actProfileLang   action = "pl" // language
	actStaffing      action = "so" // -
	actStaffSlot     action = "sv" // shift id, slot
	actStaffPick     action = "sp" // shift id, slot
	actStaffAdd      action = "sa" // shift id, slot, member id
	actStaffRemove   action = "sr" // shift id, slot, member id
	actVolList       action = "vl" // -
	actVolCard       action = "vc" // member id
	actVolCert       action = "vt" // member id
	actShiftFlow     action = "sf" // step op, value
	actShiftEdit     action = "se" // shift id

	// Events (issue 7): /events, invitations, answers, coordinators' card.
	actEvList     action = "el" // -
	actEvShow     action = "ev" // event id
	actEvAnswer   action = "ey" // event id, yes|no|maybe|keep
	actEvAdults   action = "ed" // event id, page (1: 6 and more)
	actEvChildren action = "ec" // event id, adults, page
	actEvHeads    action = "eh" // event id, adults, children
	actEvICS      action = "ei" // event id
	actEvOpen     action = "eo" // event id
	actEvNames    action = "en" // event id
	actEvCheckIn  action = "ek" // event id, invitation id, list|in|out
	actEvWalkIn   action = "ew" // event id, adult|child|first|undo
	actEvCancel   action = "ex" // event id, ask|yes
	actEvRecord   action = "er" // event id
	actEvFlow     action = "ef" // step op, value
	actEvEdit     action = "eu" // event id
)

var (
	reWord = regexp.MustCompile(`^[a-z]{1,12}$`)
	reID   = regexp.MustCompile(`^[0-9]{1,19}$`)
	reCode = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
)

// arity and argument shapes of each action.
var payloadSpecs = map[action][]*regexp.Regexp{
	actLang:       {reWord},
	actConsent:    {reWord, reWord, reCode},
	actMenu:       {reWord},
	actMyData:     {},
	actForget:     {reWord},
	actInvite:     {reWord},
	actMembers:    {reID},
	actMember:     {reID, reID},
	actSetRole:    {reID, reWord, reID},
	actBcAudience: {reWord},
	actBcPick:     {reWord, reCode},
	actBcLang:     {reCode, reWord},
	actBcPreview:  {reCode},
	actBcSend:     {reCode},
	actBcCancel:   {reCode},
	actBcTexts:    {reCode},

	actActFollow:       {reID, reWord},
	actActList:         {},
	actActOpen:         {reID},
	actActDates:        {reID},
	actActEdit:         {reID},
	actActArchive:      {reID, reWord},
	actActFlow:         {reWord, reCode},
	actMeeting:         {reID, reID},
	actMeetingOp:       {reID, reID, reWord},
	actMeetingNoReason: {},
	actHeadCount:       {reID, reID, reWord},
	actFlowCancel:      {},
	actRevoke:          {reCode},

	// Ask us (issue 11)
	actAskReply:   {reID},
	actAskDone:    {reID},
	actAskHistory: {reID},
	actAskMute:    {reID, reBit},

	// Shifts (issue 8)
	actShiftList:     {},
	actShiftSignUp:   {reID, reID},
	actShiftCover:    {reID, reID},
	actShiftMine:     {},
	actShiftWithdraw: {reID, reID},
	actShiftCalendar: {},
	actProfileLang:   {reWord},
	actStaffing:      {},
	actStaffSlot:     {reID, reID},
	actStaffPick:     {reID, reID},
	actStaffAdd:      {reID, reID, reID},
	actStaffRemove:   {reID, reID, reID},
	actVolList:       {},
	actVolCard:       {reID},
	actVolCert:       {reID},
	actShiftFlow:     {reWord, reCode},
	actShiftEdit:     {reID},

	// Events (issue 7)
	actEvList:     {},
	actEvShow:     {reID},
	actEvAnswer:   {reID, reWord},
	actEvAdults:   {reID, reID},
	actEvChildren: {reID, reID, reID},
	actEvHeads:    {reID, reID, reID},
	actEvICS:      {reID},
	actEvOpen:     {reID},
	actEvNames:    {reID},
	actEvCheckIn:  {reID, reID, reWord},
	actEvWalkIn:   {reID, reWord},
	actEvCancel:   {reID, reWord},
	actEvRecord:   {reID},
	actEvFlow:     {reWord, reCode},
	actEvEdit:     {reID},
}

var reBit = regexp.MustCompile(`^[01]$`)

// payload builds callback data; it panics on a programming error (an
// unknown action, bad arguments or more than 64 bytes), which tests catch.
func payload(act action, args ...string) string {
	s := strings.Join(append([]string{payloadVersion, string(act)}, args...), ":")
	if _, _, err := decodePayload(s); err != nil {
		panic(fmt.Sprintf("callback payload %q: %v", s, err))
	}
	return s
}

// decodePayload parses and validates callback data.
func decodePayload(data string) (action, []string, error) {
	if len(data) == 0 || len(data) > 64 {
		return "", nil, fmt.Errorf("payload length %d", len(data))
	}
	parts := strings.Split(data, ":")
	if len(parts) < 2 || parts[0] != payloadVersion {
		return "", nil, fmt.Errorf("unknown payload version")
	}
	act := action(parts[1])
	spec, ok := payloadSpecs[act]
	if !ok {
		return "", nil, fmt.Errorf("unknown action %q", act)
	}
	args := parts[2:]
	if len(args) != len(spec) {
		return "", nil, fmt.Errorf("action %q wants %d arguments, got %d", act, len(spec), len(args))
	}
	for i, re := range spec {
		if !re.MatchString(args[i]) {
			return "", nil, fmt.Errorf("action %q argument %d malformed", act, i)
		}
	}
	return act, args, nil
}
