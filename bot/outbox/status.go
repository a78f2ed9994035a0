package outbox

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// go-telegram/bot decodes every answer without looking at its HTTP status,
// so an answer it cannot decode looks the same whether Telegram delivered
// the message (HTTP 200 with a body the library does not understand) or a
// proxy answered with an error page. The transport below records the status
// of each call made with a context from withStatus, so the sender can tell.

type statusKey struct{}

// callStatus receives the HTTP status of one call.
type callStatus struct{ code atomic.Int32 }

func withStatus(ctx context.Context, st *callStatus) context.Context {
	return context.WithValue(ctx, statusKey{}, st)
}

// statusTransport records response statuses for calls that ask for it.
type statusTransport struct{ next http.RoundTripper }

func (t statusTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		if st, ok := req.Context().Value(statusKey{}).(*callStatus); ok {
			st.code.Store(int32(resp.StatusCode))
		}
	}
	return resp, err
}

// HTTPClient is the HTTP client to give go-telegram/bot (bot.WithHTTPClient)
// so that the sender can tell a delivered message with an undecodable answer
// from a failure. It keeps enough idle connections for every call the
// sender may have in flight (Go's default keeps 2 per host, so the others
// would open a new TLS connection each time, a slower and less even round
// trip). timeout bounds each request.
func HTTPClient(timeout time.Duration) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 128
	t.MaxIdleConnsPerHost = 128
	return &http.Client{Timeout: timeout, Transport: statusTransport{next: t}}
}
