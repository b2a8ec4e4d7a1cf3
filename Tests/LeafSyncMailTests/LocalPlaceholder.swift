// placeholder until the mail tests are merged
