const { Command } = require('commander'); new Command();
