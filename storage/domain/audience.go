package domain

import (
	"fmt"
	"strconv"
	"strings"
)

// Audience kinds of a broadcast.
const (
	AudienceAll          = "all"
	AudienceParticipants = "participants"
	AudienceVolunteers   = "volunteers"
	AudienceCoordinators = "coordinators"
	AudienceActivity     = "activity" // followers of activity Ref
	AudienceEvent        = "event"    // invitees of event Ref
	AudienceLanguage     = "language" // members whose language is Lang
)

// Audience selects the recipients of a broadcast.
type Audience struct {
	Kind string
	Ref  int64
	Lang string
	// Branch narrows the audience to that branch's members (its roles, its
	// activities and events); 0 is every branch: a national broadcast.
	// It is not part of String: it is the sender's, never the draft's.
	Branch int64
}

// String encodes the audience compactly, e.g. "all", "activity:3", "language:ar".
func (a Audience) String() string {
	switch a.Kind {
	case AudienceActivity, AudienceEvent:
		return a.Kind + ":" + strconv.FormatInt(a.Ref, 10)
	case AudienceLanguage:
		return a.Kind + ":" + a.Lang
	}
	return a.Kind
}

// ParseAudience decodes String's form; it rejects anything else.
func ParseAudience(s string) (Audience, error) {
	kind, arg, _ := strings.Cut(s, ":")
	a := Audience{Kind: kind}
	switch kind {
	case AudienceAll, AudienceParticipants, AudienceVolunteers, AudienceCoordinators:
		if arg == "" {
			return a, nil
		}
	case AudienceActivity, AudienceEvent:
		id, err := strconv.ParseInt(arg, 10, 64)
		if err == nil && id > 0 {
			a.Ref = id
			return a, nil
		}
	case AudienceLanguage:
		if SupportedLanguage(arg) {
			a.Lang = arg
			return a, nil
		}
	}
	return Audience{}, fmt.Errorf("unknown audience %q", s)
}

// AudienceCount is what a broadcast preview shows.
type AudienceCount struct {
	ByLanguage  map[string]int // reachable members by language
	Reachable   int
	Unreachable int // blocked the bot: skipped
}
