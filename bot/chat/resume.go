package chat

import "sync"

// A step-by-step chat's command typed again while a draft exists does not
// drop the draft: it asks "continue or start over?" (Flow.Begin). So does
// a command starting another chat while one is half done, unless that one
// keeps its draft on its own (Flow.Kept).

// ActFlowResume is the answer to "continue or start over?": flow name, go|new.
var ActFlowResume = NewAction("fr", Word, Word)

// resumable is what the kernel knows of a flow to continue or restart it.
type resumable struct {
	command string         // the command that starts it
	kept    bool           // its draft outlives another chat
	resume  func(*Request) // shows the question its draft is at
}

var (
	resumeMu sync.RWMutex
	flows    = map[string]resumable{}
)

func registerFlow(name string, r resumable) {
	resumeMu.Lock()
	defer resumeMu.Unlock()
	flows[name] = r
}

func flowNamed(name string) (resumable, bool) {
	resumeMu.RLock()
	defer resumeMu.RUnlock()
	f, ok := flows[name]
	return f, ok
}

// Begin starts the chat with the fresh draft d, saving it, and reports
// whether the caller should ask its first question. When a draft of this
// chat, or of another that would be lost, exists, it asks instead whether
// to continue it or start over, and reports false.
func (f *Flow[D]) Begin(r *Request, d D) bool {
	got, _, err := r.Env.Store.Conversation(r.Ctx, r.Member.ID)
	if err == nil {
		if other, ok := flowNamed(got); ok && other.resume != nil && (got == f.Name || !other.kept) {
			L := r.L
			r.Show(L.T("FlowContinueAsk", nil),
				Row(Btn(L.T("BtnFlowContinue", nil), ActFlowResume, got, "go")),
				Row(Btn(L.T("BtnFlowStartOver", nil), ActFlowResume, f.Name, "new")),
				CancelRow(L))
			return false
		}
	}
	return f.Save(r, d)
}

// resume shows the question the member's draft of this chat is at.
func (f *Flow[D]) resume(r *Request) {
	d, ok := f.Load(r)
	if !ok {
		return
	}
	r.Toast("")
	f.Ask(r, &d)
}

// onFlowResume continues the draft or starts the chat over: "1:fr:<flow>:go|new".
func (rt *Router) onFlowResume(r *Request) {
	fl, ok := flowNamed(r.Args[0])
	if !ok || fl.resume == nil {
		r.Expired()
		return
	}
	switch r.Args[1] {
	case "go":
		fl.resume(r)
	case "new":
		route, ok := rt.ix.Commands[fl.command]
		if !ok || !Authorize(r, route) {
			if !ok {
				r.Expired()
			}
			return
		}
		if _, err := r.Env.Store.EndConversation(r.Ctx, r.Member.ID); err != nil {
			r.Fail(err)
			return
		}
		r.Toast("")
		route.Handle(r)
	default:
		r.Expired()
	}
}
