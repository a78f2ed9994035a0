package chat

import (
	"errors"

	"vejviser/storage/domain"
)

// Finish ends the chat once its work is done and stored: the work stands,
// so a draft that could not be removed is only logged.
func (f *Flow[D]) Finish(r *Request) {
	if err := f.End(r); err != nil {
		r.Env.Log.Warn("end draft", "flow", f.Name, "err", err)
	}
}

// Failed reports whether err ends the handler, having answered it: a thing
// that is gone (domain.ErrNotFound) is refused with the message gone, any
// other error goes to Fail.
func (r *Request) Failed(err error, gone string) bool {
	if errors.Is(err, domain.ErrNotFound) {
		r.Deny(r.L.T(gone, nil))
		return true
	}
	if err != nil {
		r.Fail(err)
		return true
	}
	return false
}
