package chat

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// Callback data is a typed, versioned payload of at most 64 bytes holding
// ids only: "1:<action>:<arg>:<arg>…". Anything that does not decode to a
// known action with the right arguments is answered "this button has
// expired". It is never trusted: every handler authorizes the press on the
// server. Each feature declares its own actions with NewAction; a code used
// twice panics at start-up (and in every test).

const payloadVersion = "1"

// Action names a button handler by its short code.
type Action string

// Argument shapes of payload arguments.
var (
	Word = regexp.MustCompile(`^[a-z]{1,12}$`)
	ID   = regexp.MustCompile(`^[0-9]{1,19}$`)
	Code = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}$`)
	Bit  = regexp.MustCompile(`^[01]$`)
)

var (
	specsMu sync.RWMutex
	specs   = map[Action][]*regexp.Regexp{}
)

// NewAction declares an action code with the shapes of its arguments. The
// code must be unique across all features.
func NewAction(code string, args ...*regexp.Regexp) Action {
	act := Action(code)
	specsMu.Lock()
	defer specsMu.Unlock()
	if _, dup := specs[act]; dup {
		panic(fmt.Sprintf("callback action %q declared twice", code))
	}
	specs[act] = args
	return act
}

// Actions lists every declared action (for the index test).
func Actions() []Action {
	specsMu.RLock()
	defer specsMu.RUnlock()
	out := make([]Action, 0, len(specs))
	for a := range specs {
		out = append(out, a)
	}
	return out
}

// Payload builds callback data; it panics on a programming error (an
// unknown action, bad arguments or more than 64 bytes), which tests catch.
func Payload(act Action, args ...string) string {
	s := strings.Join(append([]string{payloadVersion, string(act)}, args...), ":")
	if _, _, err := DecodePayload(s); err != nil {
		panic(fmt.Sprintf("callback payload %q: %v", s, err))
	}
	return s
}

// DecodePayload parses and validates callback data.
func DecodePayload(data string) (Action, []string, error) {
	if len(data) == 0 || len(data) > 64 {
		return "", nil, fmt.Errorf("payload length %d", len(data))
	}
	parts := strings.Split(data, ":")
	if len(parts) < 2 || parts[0] != payloadVersion {
		return "", nil, fmt.Errorf("unknown payload version")
	}
	act := Action(parts[1])
	specsMu.RLock()
	spec, ok := specs[act]
	specsMu.RUnlock()
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
