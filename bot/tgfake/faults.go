package tgfake

import (
	"net/http"
	"strconv"
	"strings"
)

// Fault describes an injected failure of one API call.
//
// Status is the error code answered (also the HTTP status); 0 means 429 when
// RetryAfter > 0 and 500 otherwise, and values outside 400..599 become 500.
// RetryAfter is put in "parameters" of 429 answers (default Limits.RetryAfter
// or 1). Description defaults to the text the real API uses for the status
// (e.g. "Too Many Requests: retry after 3", "Bad Gateway"). Drop makes the
// server close the connection without any response, which the client sees
// as a transport error; the other fields are then ignored. Body, when not
// empty, is answered verbatim with Status (here 200 is allowed: a reply the
// client cannot decode) and ContentType (default text/html, as a proxy's
// error page), and the call has no effect.
type Fault struct {
	Status      int
	RetryAfter  int
	Description string
	Drop        bool
	Body        string
	ContentType string
}

type pendingFault struct {
	method string
	left   int
	f      Fault
}

// FailNext makes the next n calls of method fail with f. An empty method
// matches every method except getUpdates. Method names are case-insensitive.
// Several FailNext registrations are consumed in the order they were made.
// n <= 0 does nothing.
func (s *Server) FailNext(method string, n int, f Fault) {
	if n <= 0 {
		return
	}
	if m, ok := methodTable[strings.ToLower(method)]; ok {
		method = m.name
	}
	s.mu.Lock()
	s.faults = append(s.faults, pendingFault{method: method, left: n, f: f})
	s.mu.Unlock()
}

// SetFaultFunc installs f, which is consulted on every call except
// getUpdates (after FailNext registrations) with the canonical method name
// and the call's chat_id (0 if none). A nil result means no fault. It
// replaces any previous function; nil removes it. f runs without the
// server's lock held, so it may call other Server methods.
func (s *Server) SetFaultFunc(f func(method string, chatID int64) *Fault) {
	s.mu.Lock()
	s.faultFunc = f
	s.mu.Unlock()
}

// Block marks the private chat of userID (or a group, for a negative id) as
// blocked or unblocked. While blocked, methods sending to, editing or
// deleting in that chat get 403 "Forbidden: bot was blocked by the user".
// Block also makes the chat known to the server.
func (s *Server) Block(userID int64, blocked bool) {
	s.mu.Lock()
	s.ensureChatLocked(userID).blocked = blocked
	s.mu.Unlock()
}

// MigrateGroup upgrades the group oldID to the supergroup newID, as Telegram
// does when a group grows: calls into oldID then get 400 "group chat was
// upgraded to a supergroup chat" with parameters.migrate_to_chat_id = newID,
// and newID is a known chat.
func (s *Server) MigrateGroup(oldID, newID int64) {
	s.mu.Lock()
	s.ensureChatLocked(oldID).migratedTo = newID
	s.ensureChatLocked(newID)
	s.mu.Unlock()
}

func (s *Server) pickFault(method string, chatID int64) *Fault {
	s.mu.Lock()
	for i := range s.faults {
		pf := &s.faults[i]
		if strings.EqualFold(pf.method, method) || (pf.method == "" && method != "getUpdates") {
			f := pf.f
			pf.left--
			if pf.left <= 0 {
				s.faults = append(s.faults[:i], s.faults[i+1:]...)
			}
			s.mu.Unlock()
			return &f
		}
	}
	ff := s.faultFunc
	s.mu.Unlock()
	if ff == nil || method == "getUpdates" {
		return nil
	}
	return ff(method, chatID)
}

func (s *Server) defaultRetryAfter() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.limits.RetryAfter > 0 {
		return s.limits.RetryAfter
	}
	return 1
}

func (s *Server) faultResponse(f Fault) response {
	if f.Drop {
		return response{drop: true}
	}
	if f.Body != "" {
		ct := f.ContentType
		if ct == "" {
			ct = "text/html; charset=utf-8"
		}
		status := f.Status
		if status < 200 || status > 599 {
			status = http.StatusOK
		}
		return response{status: status, raw: []byte(f.Body), rawType: ct}
	}
	status := f.Status
	switch {
	case status == 0 && f.RetryAfter > 0:
		status = http.StatusTooManyRequests
	case status < 400 || status > 599:
		status = http.StatusInternalServerError
	}
	resp := response{status: status, desc: f.Description}
	if status == http.StatusTooManyRequests {
		resp.retryAfter = f.RetryAfter
		if resp.retryAfter <= 0 {
			resp.retryAfter = s.defaultRetryAfter()
		}
	}
	if resp.desc == "" {
		resp.desc = defaultDescription(status, resp.retryAfter)
	}
	return resp
}

func defaultDescription(status, retryAfter int) string {
	switch status {
	case http.StatusTooManyRequests:
		return "Too Many Requests: retry after " + strconv.Itoa(retryAfter)
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusBadRequest:
		return "Bad Request"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict"
	}
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "Internal Server Error"
}
