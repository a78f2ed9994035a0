package chat

// A feature that hands out personal links of its own (t.me/<bot>?start=<code>)
// takes the code it recognises before onboarding treats it as an invite: a
// referred household's link links the contact person to the referral.
// Features do not import each other, so people asks through the Env.

// StartCodeHandler handles a /start code of a member (one who has just
// consented, or opened the link again) and reports whether the code was
// its own; it answers the member itself.
type StartCodeHandler func(r *Request, code string) bool

// OnStartCode registers h; call it while the features are built.
func (e *Env) OnStartCode(h StartCodeHandler) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.startCodes = append(e.startCodes, h)
}

// StartCode offers code to the registered handlers, and reports whether
// one took it.
func (e *Env) StartCode(r *Request, code string) bool {
	e.mu.RLock()
	hs := append([]StartCodeHandler(nil), e.startCodes...)
	e.mu.RUnlock()
	for _, h := range hs {
		if h(r, code) {
			return true
		}
	}
	return false
}
