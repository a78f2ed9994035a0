package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"vejviser/storage"
	"vejviser/storage/domain"
)

// takeValue removes a flag with a value (--name VALUE or --name=VALUE) from
// args, wherever it is, and returns its value ("" and false when absent).
func takeValue(args []string, name string) ([]string, string, bool, error) {
	out := make([]string, 0, len(args))
	value, found := "", false
	for i := 0; i < len(args); i++ {
		a := args[i]
		n, v, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || n != name {
			out = append(out, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return args, "", false, &configError{name: "--" + name, msg: "needs a value"}
			}
			i++
			v = args[i]
		}
		value, found = v, true
	}
	return out, value, found, nil
}

// pickBranch is the branch a command works on: the one --branch names, or,
// when the bot serves one branch only, that one. With several branches the
// key is required, so that a plan or a broadcast never lands in the wrong
// branch by default.
func pickBranch(ctx context.Context, store *storage.Store, key string) (domain.Branch, error) {
	bs, err := store.Branches(ctx)
	if err != nil {
		return domain.Branch{}, err
	}
	keys := make([]string, len(bs))
	for i, b := range bs {
		keys[i] = b.Key
	}
	if key == "" {
		if len(bs) == 1 {
			return bs[0].Branch, nil
		}
		return domain.Branch{}, &configError{name: "--branch", msg: fmt.Sprintf("this bot serves %d branches (%s): say which with --branch KEY", len(bs), strings.Join(keys, ", "))}
	}
	b, err := store.BranchByKey(ctx, key)
	if errors.Is(err, domain.ErrNotFound) {
		return b, &configError{name: "--branch", msg: fmt.Sprintf("no branch has the key %q; the branches are %s", key, strings.Join(keys, ", "))}
	}
	return b, err
}
