package main

import "context"

func runInit(ctx context.Context, e *env, args []string) int { return 0 }
func runNew(ctx context.Context, e *env, args []string) int  { return 0 }
