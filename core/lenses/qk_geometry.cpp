// SPDX-License-Identifier: MIT
#include "lenses/qk_geometry.h"

#include <Eigen/Eigenvalues>

#include <cmath>

namespace qkview {

QkProjection projectQueriesAndKeys(const AttentionTrace& trace, int layer, int head) {
    trace.checkHead(layer, head);
    Eigen::MatrixXd q = trace.queries(layer, head).cast<double>(), k = trace.keys(layer, head).cast<double>(); // (T, hs)
    const Eigen::Index T = q.rows(), hs = q.cols();
    k.rowwise() += q.colwise().mean() - k.colwise().mean(); // one centre for both clouds
    const double qLength = q.rowwise().norm().mean(), kLength = k.rowwise().norm().mean();
    if (qLength > 0 && kLength > 0) {
        const double s = std::sqrt(kLength / qLength); // q·s and k/s: the same scores, the same mean length
        q *= s;
        k /= s;
    }
    Eigen::MatrixXd points(2 * T, hs); // queries, then keys; double: the variances of nearby points subtract
    points << q, k;
    const Eigen::RowVectorXd centre = points.colwise().mean();
    points.rowwise() -= centre;
    const Eigen::MatrixXd covariance = points.transpose() * points / static_cast<double>(std::max<Eigen::Index>(1, 2 * T - 1));
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance); // eigenvalues ascending

    QkProjection out;
    out.axes = Matrix::Zero(hs, 2);
    const double total = std::max(solver.eigenvalues().sum(), 1e-300);
    for (int a = 0; a < 2 && a < hs; ++a) {
        Eigen::VectorXd axis = solver.eigenvectors().col(hs - 1 - a);
        Eigen::Index largest = 0;
        axis.cwiseAbs().maxCoeff(&largest);
        if (axis(largest) < 0) axis = -axis;
        out.axes.col(a) = axis.cast<float>();
        out.explained[a] = std::max(0.0, solver.eigenvalues()(hs - 1 - a)) / total;
    }
    const Eigen::MatrixXd projected = points * out.axes.cast<double>(); // (2T, 2)
    out.queries = projected.topRows(T).cast<float>();
    out.keys = projected.bottomRows(T).cast<float>();
    return out;
}

} // namespace qkview
