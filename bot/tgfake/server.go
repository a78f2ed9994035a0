// Package tgfake is an in-process fake of the Telegram Bot API, used by the
// tests, the benchmarks and the offline terminal demo of the Vejviser bot
// (which is written with github.com/go-telegram/bot).
//
// The package owns everything on the "Telegram side" of the wire: an HTTP
// server on 127.0.0.1 that accepts the requests the go-telegram client sends
// (POST multipart/form-data to <base>/bot<token>/<method>) and answers with
// the real API's JSON envelopes; the queue of updates produced by simulated
// users (SendText, PressButton, SetChatMember, QueueUpdate) served through
// long-polling getUpdates; the record of every API call and of every message
// the bot sent (with edits and deletions applied); Telegram-like rate limits;
// and fault injection (error answers, dropped connections, blocked users).
// It never talks to the real Telegram.
package tgfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-telegram/bot/models"
)

const (
	defaultToken       = "123456:fake-token"
	defaultBotID       = 123456
	defaultBotUsername = "VejviserBot"
	defaultBotName     = "Vejviser"

	maxBodyBytes   = 64 << 20 // whole request, files included
	maxPollTimeout = 10 * time.Minute
)

// Option configures a Server created by New.
type Option func(*Server)

// WithToken sets the bot token the server accepts (default
// "123456:fake-token"). Requests carrying another token get 401
// Unauthorized. When the part before ":" is a number it becomes the bot's
// user id in getMe and in sent messages. An empty token is ignored.
func WithToken(tok string) Option {
	return func(s *Server) {
		if tok != "" {
			s.token = tok
		}
	}
}

// WithBotUser sets the bot's username returned by getMe and used as the
// sender of the bot's messages (default "VejviserBot").
func WithBotUser(username string) Option {
	return func(s *Server) {
		if username != "" {
			s.botUsername = username
		}
	}
}

// WithLimits enables Telegram-like rate limits on the sending methods
// (sendMessage, sendPhoto, sendDocument, editMessageText,
// editMessageReplyMarkup). The zero Limits value disables them.
func WithLimits(l Limits) Option {
	return func(s *Server) { s.limits = l }
}

// WithLatency makes every call except getUpdates take d longer, as a real
// round trip to Telegram does (roughly 50–300 ms from Europe): half before
// the call is handled (the request travelling), half after (the answer
// travelling). Rate limits see the call when it is handled. SetLatency
// changes it later.
func WithLatency(d time.Duration) Option {
	return func(s *Server) { s.latency.Store(int64(max(d, 0))) }
}

// SetLatency changes the latency set by WithLatency.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(max(d, 0))) }

// SetLimits replaces the limits set by WithLimits.
func (s *Server) SetLimits(l Limits) {
	s.mu.Lock()
	s.limits = l
	s.mu.Unlock()
}

// WithClock sets the clock used for rate limits, message dates and call
// timestamps (default time.Now). Long-poll waits always use real time.
func WithClock(c func() time.Time) Option {
	return func(s *Server) {
		if c != nil {
			s.clock = c
		}
	}
}

// Server is a fake Telegram Bot API server listening on 127.0.0.1. All its
// methods are safe for concurrent use.
type Server struct {
	token       string
	botUsername string
	bot         apiUser
	limits      Limits
	clock       func() time.Time
	latency     atomic.Int64 // per call, see WithLatency

	ln        net.Listener
	srv       *http.Server
	url       string
	done      chan struct{}
	closeOnce sync.Once

	mu            sync.Mutex
	notify        chan struct{} // closed and replaced when an update is queued
	updates       []queuedUpdate
	lastUpdateID  int64
	chats         map[int64]*chat
	callbacks     map[string]*callbackState
	callbackOrder []string
	lastCallback  int64
	calls         []Call
	callCounts    map[string]int
	faults        []pendingFault
	faultFunc     func(method string, chatID int64) *Fault
	onCall        func(Call)
	commands      map[string][]models.BotCommand
	webhookURL    string
	allowed       map[string]bool // allowed_updates of the last getUpdates that set it; nil = all
	global        slidingLog      // sending calls let through, for Limits
	tooMany       int
}

// New creates a Server and starts listening on 127.0.0.1 with a random port
// right away. It panics only if no loopback port can be opened. Call Close
// when done.
func New(opts ...Option) *Server {
	s := &Server{
		token:       defaultToken,
		botUsername: defaultBotUsername,
		clock:       time.Now,
		done:        make(chan struct{}),
		notify:      make(chan struct{}),
		chats:       make(map[int64]*chat),
		callbacks:   make(map[string]*callbackState),
		callCounts:  make(map[string]int),
		commands:    make(map[string][]models.BotCommand),
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	id := int64(defaultBotID)
	if pre, _, ok := strings.Cut(s.token, ":"); ok {
		if n, err := strconv.ParseInt(pre, 10, 64); err == nil && n > 0 {
			id = n
		}
	}
	s.bot = apiUser{ID: id, IsBot: true, FirstName: defaultBotName, Username: s.botUsername}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("tgfake: cannot listen on loopback: %v", err))
	}
	s.ln = ln
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      maxPollTimeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	go func() { _ = s.srv.Serve(ln) }()
	return s
}

// URL returns the base URL of the server, e.g. "http://127.0.0.1:41234",
// suitable for bot.WithServerURL.
func (s *Server) URL() string { return s.url }

// Token returns the bot token the server accepts.
func (s *Server) Token() string { return s.token }

// Close stops the listener, answers pending long polls with an empty
// result and closes all connections. It is safe to call more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.done)
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			_ = s.srv.Close()
		}
	})
}

func (s *Server) now() time.Time { return s.clock() }

// request is a parsed API call.
type request struct {
	params map[string]string
	files  map[string]upload
}

type upload struct {
	name string
	data []byte
}

// response is what a method handler decided to answer.
type response struct {
	status     int
	result     []byte // raw JSON of "result" when status == 200
	desc       string
	retryAfter int
	migrateTo  int64
	drop       bool
	raw        []byte // answered verbatim with status (Fault.Body)
	rawType    string
}

func okResult(v any) response {
	b, err := json.Marshal(v)
	if err != nil {
		return errResp(http.StatusInternalServerError, "Internal Server Error")
	}
	return response{status: http.StatusOK, result: b}
}

func okRaw(b []byte) response { return response{status: http.StatusOK, result: b} }

var trueJSON = []byte("true")

func errResp(code int, desc string) response { return response{status: code, desc: desc} }

func badRequest(desc string) response { return errResp(http.StatusBadRequest, "Bad Request: "+desc) }

type apiErrorBody struct {
	OK          bool           `json:"ok"`
	ErrorCode   int            `json:"error_code"`
	Description string         `json:"description"`
	Parameters  *apiErrorParam `json:"parameters,omitempty"`
}

type apiErrorParam struct {
	RetryAfter      int   `json:"retry_after,omitempty"`
	MigrateToChatID int64 `json:"migrate_to_chat_id,omitempty"`
}

// ServeHTTP implements http.Handler: it dispatches one Bot API call.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	half := time.Duration(s.latency.Load()) / 2
	polling := strings.HasSuffix(strings.ToLower(r.URL.Path), "/getupdates")
	if half > 0 && !polling {
		time.Sleep(half)
		defer time.Sleep(half) // before the answer is written: the handler returning sends it
	}
	call := Call{At: s.now()}
	resp := s.serve(w, r, &call)
	if resp.drop {
		call.Status = 0
		s.record(call)
		dropConn(w)
		return
	}
	call.Status = resp.status
	s.record(call)
	writeResponse(w, resp)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, call *Call) (resp response) {
	defer func() {
		if v := recover(); v != nil {
			resp = errResp(http.StatusInternalServerError, "Internal Server Error")
		}
	}()
	token, name, pathOK := splitPath(r.URL.Path)
	call.Method = name
	r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
	req, perr := parseRequest(r)
	call.Params = req.params
	if !pathOK {
		return errResp(http.StatusNotFound, "Not Found")
	}
	if token != s.token {
		return errResp(http.StatusUnauthorized, "Unauthorized")
	}
	m, known := methodTable[strings.ToLower(name)]
	if !known {
		return errResp(http.StatusNotFound, "Not Found")
	}
	call.Method = m.name
	if perr != nil {
		return badRequest(perr.Error())
	}
	chatID, _ := strconv.ParseInt(req.params["chat_id"], 10, 64)
	if f := s.pickFault(m.name, chatID); f != nil {
		return s.faultResponse(*f)
	}
	return m.fn(s, r.Context(), req)
}

func writeResponse(w http.ResponseWriter, resp response) {
	var body []byte
	ct := "application/json"
	if resp.raw != nil {
		body, ct = resp.raw, resp.rawType
	} else if resp.status == http.StatusOK {
		body = make([]byte, 0, len(resp.result)+24)
		body = append(body, `{"ok":true,"result":`...)
		body = append(body, resp.result...)
		body = append(body, '}')
	} else {
		e := apiErrorBody{ErrorCode: resp.status, Description: resp.desc}
		if resp.retryAfter > 0 || resp.migrateTo != 0 {
			e.Parameters = &apiErrorParam{RetryAfter: resp.retryAfter, MigrateToChatID: resp.migrateTo}
		}
		body, _ = json.Marshal(e)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(resp.status)
	_, _ = w.Write(body)
}

// dropConn closes the client connection without sending any response.
func dropConn(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler) // makes net/http close the connection silently
}

// splitPath splits "/bot<token>/<method>" (optionally "/bot<token>/test/<method>").
func splitPath(p string) (token, method string, ok bool) {
	rest, found := strings.CutPrefix(p, "/bot")
	if !found {
		return "", "", false
	}
	token, method, found = strings.Cut(rest, "/")
	if !found {
		return token, "", false
	}
	method = strings.TrimPrefix(method, "test/")
	if method == "" || strings.Contains(method, "/") {
		return token, method, false
	}
	return token, method, true
}

// parseRequest reads query parameters and the body (multipart/form-data,
// application/x-www-form-urlencoded or application/json). It always returns
// a usable request, even together with an error.
func parseRequest(r *http.Request) (*request, error) {
	req := &request{params: make(map[string]string), files: nil}
	for k, v := range r.URL.Query() {
		if len(v) > 0 {
			req.params[k] = v[0]
		}
	}
	if r.Body == nil {
		return req, nil
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		return req, parseMultipart(r, req)
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return req, errors.New("can't parse request body")
		}
		for k, v := range r.PostForm {
			if len(v) > 0 {
				req.params[k] = v[0]
			}
		}
	case "application/json":
		var obj map[string]json.RawMessage
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return req, errors.New("can't read request body")
		}
		if len(strings.TrimSpace(string(body))) == 0 {
			return req, nil
		}
		if err := json.Unmarshal(body, &obj); err != nil {
			return req, errors.New("can't parse JSON request body")
		}
		for k, raw := range obj {
			var str string
			if json.Unmarshal(raw, &str) == nil {
				req.params[k] = str
			} else {
				req.params[k] = string(raw)
			}
		}
	}
	return req, nil
}

func parseMultipart(r *http.Request, req *request) error {
	mr, err := r.MultipartReader()
	if err != nil {
		return errors.New("can't parse multipart request body")
	}
	for first := true; ; first = false {
		part, err := mr.NextPart()
		if err == io.EOF || (first && errors.Is(err, io.EOF)) {
			return nil // empty body (the client sends none for methods without params)
		}
		if err != nil {
			return errors.New("can't parse multipart request body")
		}
		name := part.FormName()
		data, err := io.ReadAll(part)
		_ = part.Close()
		if err != nil {
			return errors.New("can't read multipart request body")
		}
		if name == "" {
			continue
		}
		if fn := part.FileName(); fn != "" {
			if req.files == nil {
				req.files = make(map[string]upload)
			}
			req.files[name] = upload{name: fn, data: data}
			continue
		}
		req.params[name] = string(data)
	}
}
