complete --keep-order --exclusive --command mapctl --arguments "(COMPLETE=fish mapctl -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
