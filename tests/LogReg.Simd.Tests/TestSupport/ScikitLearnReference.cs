namespace LogReg.Simd.Tests.TestSupport;

/// <summary>
/// Cross-check against scikit-learn 1.2.1 (Debian python3-sklearn), coefficients pasted from:
/// <code>
/// import numpy as np
/// from sklearn.preprocessing import StandardScaler
/// from sklearn.linear_model import LogisticRegression
/// from sklearn.datasets import load_svmlight_file
/// d = np.loadtxt('breast_cancer.csv', delimiter=',', skiprows=1)
/// X, y = d[:, :-1], d[:, -1]
/// m = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(StandardScaler().fit_transform(X), y)
/// print(m.coef_.ravel().tolist(), m.intercept_[0])
/// Xh, yh = load_svmlight_file('heart_scale.libsvm', n_features=13)
/// mh = LogisticRegression(C=1.0, tol=1e-12, max_iter=10000, solver="newton-cholesky").fit(Xh.toarray(), (yh > 0).astype(float))
/// print(mh.coef_.ravel().tolist(), mh.intercept_[0])
/// </code>
/// scikit-learn's default lbfgs stops on its relative-decrease test (ftol = 64 eps) whatever tol is: with
/// tol=1e-10 it stopped after 34 (breast cancer) and 23 (heart) iterations, 1.6e-10 and 2.6e-10 above J* in
/// this project's units, and its probabilities differ from the exact minimizer's by 2.4e-5 and 2.8e-5.
/// newton-cholesky (new in 1.2) reaches the minimizer, so it is the reference here.
/// </summary>
internal static class ScikitLearnReference
{
    public static readonly double[] BreastCancerWeights =
    [
        0.3630925319064731, 0.3876754424085937, 0.35106211866771214, 0.4356098032751112, 0.16183110280313226,
        -0.5626540337053754, 0.8599171195795224, 0.9622802234768029, -0.0762090314770188, -0.32222623695029073,
        1.2909422896656917, -0.26892190138603966, 0.6599745965524896, 1.0125577321734927, 0.27721295891285486,
        -0.7363240127821205, -0.11053932078344778, 0.3334076188727382, -0.2957930258946486, -0.680919673054938,
        1.029262261634047, 1.314607634438032, 0.8233473825619088, 1.0107068321012702, 0.670681962771426,
        -0.04456425178974322, 0.8733339165121514, 0.9120031219156363, 0.8878373243044498, 0.4798189080384458,
    ];

    public const double BreastCancerBias = -0.21450271739736937;

    public static readonly double[] HeartWeights =
    [
        -0.06724880704761727, 0.6235079385252834, 0.941646931483532, 0.8837937987609125, 0.8303899485739137,
        -0.32640400288945004, 0.3099920228471523, -0.916283121475043, 0.42025112908579154, 0.8796592587345815,
        0.43928803275582357, 1.4675831362356537, 0.6899428756014293,
    ];

    public const double HeartBias = 1.4869279721393014;
}
