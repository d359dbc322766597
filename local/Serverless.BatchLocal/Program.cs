using Serverless.BatchLocal;

return await BatchCommand.RunAsync(args);
